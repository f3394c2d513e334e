import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { ProjectCtx } from "@/server/context";
import { connectionReferences, connections, users } from "@/server/db/schema";
import { ZListConnectionsInput } from "@/schemas/connections";
import { parseOrThrow } from "@/server/validation";
import { containsPattern } from "@/server/db/like";
import { connectionColumns, toConnectionDto, type ConnectionDto } from "./dto";

// The Flows column in the page's own query (an index-only count per row of the page) rather than a
// second round trip after it.
const flowCountOf = (projectId: string) =>
  sql<number>`(select count(*)::int from ${connectionReferences}
    where ${connectionReferences.projectId} = ${projectId} and ${connectionReferences.externalId} = ${connections.externalId})`;

/**
 * Totals are exact up to this many matches and "more than" beyond: counting every match of a
 * broad filter over 100,000 rows was the costliest part of a page (the page itself stops early).
 */
export const EXACT_TOTAL_LIMIT = 1000;

/** One page of the project's connections with the filters of the Connections page. */
export async function listConnections({ ctx, input }: { ctx: ProjectCtx; input: unknown }) {
  const q = parseOrThrow(ZListConnectionsInput, input ?? {});
  const where: SQL[] = [eq(connections.projectId, ctx.projectId)];
  if (q.search) where.push(sql`lower(${connections.displayName}) like ${containsPattern(q.search)}`);
  if (q.status?.length) where.push(inArray(connections.status, q.status));
  if (q.pieces?.length) where.push(inArray(connections.pieceName, q.pieces));
  const condition = and(...where);

  const direction = q.dir === "asc" ? asc : desc;
  // A substring search is served by the trigram index: sort its matches rather than walk the name
  // index past every row that does not match (the planner cannot know that "slack…" names all sit
  // at the end of the name order: 200 ms instead of a few). `|| ''` keeps the order and hides it
  // from the index. Display names are unique per project (case-insensitively), so without a search
  // the (project, lower(name)) index serves the sort alone, with no tie-breaker.
  const byName = q.search && q.search.length >= 3 ? sql`(lower(${connections.displayName}) || '')` : sql`lower(${connections.displayName})`;
  const key = q.sort === "name" ? byName : q.sort === "lastUsedAt" ? sql`${connections.lastUsedAt}` : sql`${connections.createdAt}`;
  const nulls = q.sort !== "lastUsedAt" ? sql`` : q.dir === "asc" ? sql` nulls first` : sql` nulls last`;
  const orderOf = (k: SQL | SQL.Aliased, id: SQL | typeof connections.id) =>
    q.sort === "name" ? [direction(k)] : [sql`${k} ${sql.raw(q.dir === "asc" ? "asc" : "desc")}${nulls}`, direction(id)];

  // Ids first, details after: the sort (of every match, for a search) carries only the id and its
  // key, and the owner, the Flows count and the wide columns are read for the page's rows alone.
  // One row past the page tells whether there is a next page when the total is not exact.
  const pageIds = ctx.db
    .select({ id: connections.id, key: key.as("page_key") })
    .from(connections)
    .where(condition)
    .orderBy(...orderOf(key, connections.id))
    .limit(q.pageSize + 1)
    .offset((q.page - 1) * q.pageSize)
    .as("page_ids");
  const pageQuery = ctx.db
    .select({ ...connectionColumns, ownerName: users.name, ownerEmail: users.email, flowCount: flowCountOf(ctx.projectId) })
    .from(pageIds)
    .innerJoin(connections, eq(connections.id, pageIds.id))
    .leftJoin(users, eq(users.id, connections.ownerId))
    .orderBy(...orderOf(sql`${pageIds.key}`, sql`${pageIds.id}`));
  const capped = ctx.db
    .select({ one: sql`1` })
    .from(connections)
    .where(condition)
    .limit(EXACT_TOTAL_LIMIT + 1)
    .as("capped");
  const [found, [{ counted } = { counted: 0 }]] = await Promise.all([pageQuery, ctx.db.select({ counted: sql<number>`count(*)::int` }).from(capped)]);

  const hasMore = found.length > q.pageSize;
  const rows = hasMore ? found.slice(0, q.pageSize) : found;
  const items: ConnectionDto[] = rows.map((r) =>
    toConnectionDto(r, {
      owner: r.ownerId && r.ownerEmail ? { id: r.ownerId, name: r.ownerName ?? r.ownerEmail, email: r.ownerEmail } : null,
      flowCount: r.flowCount,
    }),
  );
  const totalExact = counted <= EXACT_TOTAL_LIMIT;
  return { items, total: totalExact ? counted : EXACT_TOTAL_LIMIT, totalExact, hasMore, page: q.page, pageSize: q.pageSize };
}
