// Client-light lookups: the page lists load these instead of the catalogue with its auth schemas.
import { pieceSummaries } from "./summaries.generated";
import type { PieceSummary } from "./summary";

export type { PieceSummary } from "./summary";

const byName = new Map(pieceSummaries.map((piece) => [piece.name, piece]));

export function getPieceSummary(name: string): PieceSummary | undefined {
  return byName.get(name);
}

/** The apps a connection can be made for, sorted by display name. */
export function listConnectablePieceSummaries(): PieceSummary[] {
  return pieceSummaries.filter((piece) => piece.connectable);
}
