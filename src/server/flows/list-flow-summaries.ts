import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { ProjectCtx } from "@/server/context";
import { flows } from "@/server/db/schema";
import { afterTimeIdCursor, microIso, pageOf } from "@/server/pagination/cursor";
import { containsPattern } from "@/server/db/like";
import type { TListFlowsQuery } from "@/schemas/engine-api";
import { flowEtag, flowVersionSql } from "./etag";
import { referencesOfFlows } from "./references";

/** GET /api/v1/flows: one page of the project's flows, newest first, with the externalIds each references. */
export async function listFlowSummaries(ctx: ProjectCtx, q: TListFlowsQuery) {
  const where: (SQL | undefined)[] = [eq(flows.projectId, ctx.projectId), afterTimeIdCursor(q.cursor, flows.createdAt, flows.id)];
  if (q.q) {
    const like = containsPattern(q.q);
    where.push(sql`(lower(${flows.name}) like ${like} or lower(${flows.id}) like ${like})`);
  }
  const rows = await ctx.db
    .select({
      id: flows.id,
      name: flows.name,
      enabled: flows.enabled,
      published: sql<boolean>`${flows.published} is not null`,
      publishedAt: flows.publishedAt,
      createdAt: flows.createdAt,
      updatedAt: flows.updatedAt,
      version: flowVersionSql,
      at: microIso(flows.createdAt),
    })
    .from(flows)
    .where(and(...where))
    .orderBy(desc(flows.createdAt), desc(flows.id))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit, (r) => [r.at, r.id]);
  const used = await referencesOfFlows(
    ctx.db,
    ctx.projectId,
    page.data.map((r) => r.id),
  );
  return {
    data: page.data.map(({ at: _at, version, ...row }) => ({ ...row, etag: flowEtag(version), connections: [...(used.get(row.id)?.keys() ?? [])].sort() })),
    nextCursor: page.nextCursor,
  };
}
