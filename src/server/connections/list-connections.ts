import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { ProjectCtx } from "@/server/context";
import { connections, users } from "@/server/db/schema";
import { ZListConnectionsInput } from "@/schemas/connections";
import { parseOrThrow } from "@/server/validation";
import { countFlowsByExternalId } from "@/server/flows/affected-flows";
import { connectionColumns, toConnectionDto, type ConnectionDto } from "./dto";

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** One page of the project's connections with the filters of the Connections page. */
export async function listConnections({ ctx, input }: { ctx: ProjectCtx; input: unknown }) {
  const q = parseOrThrow(ZListConnectionsInput, input ?? {});
  const where: SQL[] = [eq(connections.projectId, ctx.projectId)];
  if (q.search) where.push(sql`lower(${connections.displayName}) like ${`%${escapeLike(q.search.toLowerCase())}%`}`);
  if (q.status?.length) where.push(inArray(connections.status, q.status));
  if (q.pieces?.length) where.push(inArray(connections.pieceName, q.pieces));
  const condition = and(...where);

  const direction = q.dir === "asc" ? asc : desc;
  const order: SQL[] =
    q.sort === "name"
      ? [direction(sql`lower(${connections.displayName})`)]
      : q.sort === "lastUsedAt"
        ? [q.dir === "asc" ? sql`${connections.lastUsedAt} asc nulls first` : sql`${connections.lastUsedAt} desc nulls last`]
        : [direction(connections.createdAt)];
  order.push(direction(connections.id));

  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    ctx.db
      .select({ ...connectionColumns, ownerName: users.name, ownerEmail: users.email })
      .from(connections)
      .leftJoin(users, eq(users.id, connections.ownerId))
      .where(condition)
      .orderBy(...order)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(connections).where(condition),
  ]);

  // One query for the whole page, never one per row.
  const flowCounts = await countFlowsByExternalId(ctx.db, ctx.projectId, rows.map((r) => r.externalId));
  const items: ConnectionDto[] = rows.map((r) =>
    toConnectionDto(r, {
      owner: r.ownerId && r.ownerEmail ? { id: r.ownerId, name: r.ownerName ?? r.ownerEmail, email: r.ownerEmail } : null,
      flowCount: flowCounts.get(r.externalId) ?? 0,
    }),
  );
  return { items, total, page: q.page, pageSize: q.pageSize };
}
