import { cataloguePieces } from "./catalogue";
import { pieceIcons } from "./icons.generated";
import type { Piece } from "./types";

export type { AuthProp, AuthPropType, AuthType, Piece, PieceAuth, PieceCategory, PieceIcon } from "./types";

function withBrandIcon(piece: Piece): Piece {
  const brand = piece.icon.slug ? pieceIcons[piece.icon.slug] : undefined;
  if (!brand) return piece;
  return { ...piece, icon: { ...piece.icon, svgPath: brand.path, hex: brand.hex } };
}

export const pieces: Piece[] = cataloguePieces.map(withBrandIcon);

const byName = new Map(pieces.map((piece) => [piece.name, piece]));

export function getPiece(name: string): Piece | undefined {
  return byName.get(name);
}

/** Sorted by display name, for pickers. */
export function listPieces(): Piece[] {
  return [...pieces].sort((a, b) => a.displayName.localeCompare(b.displayName));
}
