import type { Piece } from "../types";
import { aiPieces } from "./ai";
import { businessPieces } from "./business";
import { communicationPieces } from "./communication";
import { corePieces } from "./core";
import { databasePieces } from "./databases";
import { developerToolPieces } from "./developer-tools";
import { marketingPieces } from "./marketing";
import { productivityPieces } from "./productivity";
import { storagePieces } from "./storage";

/** The catalogue as written, before brand icons are attached (see scripts/generate-piece-icons.ts). */
export const cataloguePieces: readonly Piece[] = [
  ...aiPieces,
  ...communicationPieces,
  ...productivityPieces,
  ...developerToolPieces,
  ...databasePieces,
  ...businessPieces,
  ...marketingPieces,
  ...storagePieces,
  ...corePieces,
];
