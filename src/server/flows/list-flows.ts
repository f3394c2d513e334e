import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { ProjectCtx } from "@/server/context";
import { connectionReferences, flows } from "@/server/db/schema";
import { parseOrThrow } from "@/server/validation";
import { containsPattern } from "@/server/db/like";
import { ZListFlowsInput } from "@/schemas/flows";
import { connectionsByExternalId, type ReferencedConnection } from "./connection-lookup";
import { versionUse, type VersionUse } from "./dto";
import { referencesOfFlows } from "./references";

export interface FlowListItem {
  id: string;
  name: string;
  enabled: boolean;
  publishedAt: Date | null;
  updatedAt: Date;
  stepCount: number;
  /** Connections the flow references; `connection` is null when none has that externalId. */
  uses: { externalId: string; use: VersionUse; connection: ReferencedConnection | null }[];
}

/** One page of the project's flows, searchable, optionally only those using one connection. */
export async function listFlows({ ctx, input }: { ctx: ProjectCtx; input: unknown }) {
  const q = parseOrThrow(ZListFlowsInput, input ?? {});
  const where: SQL[] = [eq(flows.projectId, ctx.projectId)];
  if (q.search) where.push(sql`lower(${flows.name}) like ${containsPattern(q.search)}`);
  if (q.connection) {
    where.push(sql`exists (select 1 from ${connectionReferences} r
      where r.project_id = ${ctx.projectId} and r.external_id = ${q.connection} and r.flow_id = ${flows.id})`);
  }
  const condition = and(...where);
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    ctx.db
      .select({
        id: flows.id,
        name: flows.name,
        enabled: flows.enabled,
        publishedAt: flows.publishedAt,
        updatedAt: flows.updatedAt,
        stepCount: sql<number>`jsonb_array_length(${flows.draft})::int`,
      })
      .from(flows)
      .where(condition)
      .orderBy(sql`lower(${flows.name})`, asc(flows.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(flows)
      .where(condition),
  ]);

  const versionsOf = await referencesOfFlows(
    ctx.db,
    ctx.projectId,
    rows.map((r) => r.id),
  );
  const referenced = [...versionsOf.values()].flatMap((uses) => [...uses.keys()]);
  const lookup = await connectionsByExternalId(ctx.db, ctx.projectId, [...referenced, ...(q.connection ? [q.connection] : [])]);

  const items: FlowListItem[] = rows.map((row) => ({
    ...row,
    uses: [...(versionsOf.get(row.id)?.entries() ?? [])]
      .map(([externalId, versions]) => ({ externalId, use: versionUse(versions), connection: lookup.get(externalId) ?? null }))
      .sort((a, b) => a.externalId.localeCompare(b.externalId)),
  }));
  const filter = q.connection ? { externalId: q.connection, connection: lookup.get(q.connection) ?? null } : null;
  return { items, total, page: q.page, pageSize: q.pageSize, filter };
}
