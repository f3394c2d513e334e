import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { ProjectCtx } from "@/server/context";
import { connections } from "@/server/db/schema";
import { afterTimeIdCursor, microIso, pageOf } from "@/server/pagination/cursor";
import { containsPattern } from "@/server/db/like";
import { ZConnectionSummary, type TListConnectionsQuery } from "@/schemas/engine-api";
import { connectionColumns } from "./dto";

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, from[key]])) as Pick<T, K>;
}

// The rows are sent as they are, so they hold exactly the fields the contract names
// (ZConnectionSummary), taken from the DTO's columns without the key id and the masked hints: a
// field the contract gains is selected with it, and one naming a hint or the key id does not compile.
const { keyId: _keyId, valueHints: _valueHints, ...metadataColumns } = connectionColumns;
const summaryColumns = pick(metadataColumns, Object.keys(ZConnectionSummary.shape) as (keyof typeof ZConnectionSummary.shape)[]);

/**
 * GET /api/v1/connections: one page of the project's connections, newest first (createdAt, id),
 * metadata only — the ciphertext and the masked hints are not even selected.
 */
export async function listConnectionSummaries(ctx: ProjectCtx, q: TListConnectionsQuery) {
  const where: (SQL | undefined)[] = [eq(connections.projectId, ctx.projectId), afterTimeIdCursor(q.cursor, connections.createdAt, connections.id)];
  if (q.pieceName) where.push(eq(connections.pieceName, q.pieceName));
  if (q.status) where.push(eq(connections.status, q.status));
  if (q.q) {
    const like = containsPattern(q.q);
    where.push(sql`(lower(${connections.displayName}) like ${like} or lower(${connections.externalId}) like ${like})`);
  }
  const rows = await ctx.db
    .select({ ...summaryColumns, at: microIso(connections.createdAt) })
    .from(connections)
    .where(and(...where))
    .orderBy(desc(connections.createdAt), desc(connections.id))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit, (r) => [r.at, r.id]);
  return { data: page.data.map(({ at: _at, ...row }) => row), nextCursor: page.nextCursor };
}
