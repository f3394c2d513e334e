import type { Piece, PieceIcon } from "./types";

/** What a list needs of a piece (its name, label and icon), without the auth definitions. */
export interface PieceSummary {
  name: string;
  displayName: string;
  icon: PieceIcon;
  /** False for pieces that need no connection (webhooks, schedules…). */
  connectable: boolean;
}

/** Sorted by display name, as pickers and filters show them. */
export function summarizePieces(pieces: readonly Piece[]): PieceSummary[] {
  return pieces
    .map((piece) => ({ name: piece.name, displayName: piece.displayName, icon: piece.icon, connectable: piece.auths.length > 0 }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}
