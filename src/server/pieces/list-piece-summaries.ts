import { pieces } from "@/pieces";
import { decodeCursor, encodeCursor } from "@/server/pagination/cursor";
import type { z } from "zod";
import type { ZListPiecesQuery } from "@/schemas/engine-api";

// The catalogue is code, not rows: sorted by name once, paged by the last name seen.
const byName = [...pieces].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** GET /api/v1/pieces: each app with its auth types and fields (what a step form renders); no icons, no secrets. */
export function listPieceSummaries(q: z.output<typeof ZListPiecesQuery>) {
  const after = q.cursor ? decodeCursor(q.cursor, 1)[0]! : null;
  const start = after === null ? 0 : byName.findIndex((p) => p.name > after);
  const rest = start < 0 ? [] : byName.slice(start);
  const data = rest
    .slice(0, q.limit)
    .map((p) => ({ name: p.name, displayName: p.displayName, description: p.description, category: p.category, auths: p.auths }));
  const nextCursor = rest.length > q.limit ? encodeCursor([data[data.length - 1]!.name]) : null;
  return { data, nextCursor };
}
