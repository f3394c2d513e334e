import { cataloguePieces } from "./catalogue";
import type { Piece } from "./types";

export type { AuthProp, AuthPropType, AuthType, Piece, PieceAuth, PieceCategory, PieceIcon } from "./types";

export const pieces: Piece[] = [...cataloguePieces];

const byName = new Map(pieces.map((piece) => [piece.name, piece]));

export function getPiece(name: string): Piece | undefined {
  return byName.get(name);
}

/** Sorted by display name, for pickers. */
export function listPieces(): Piece[] {
  return [...pieces].sort((a, b) => a.displayName.localeCompare(b.displayName));
}
