import { and, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { ProjectCtx } from "@/server/context";
import { auditEvents, flows } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { type ZAuditFilters, ZListAuditInput } from "@/schemas/audit";
import { parseOrThrow } from "@/server/validation";
import type { z } from "zod";

export function auditConditions(projectId: string, f: z.output<typeof ZAuditFilters>): SQL {
  const where: SQL[] = [eq(auditEvents.projectId, projectId)];
  if (f.connectionId) where.push(eq(auditEvents.connectionId, f.connectionId));
  if (f.actions?.length) where.push(inArray(auditEvents.action, f.actions));
  if (f.actor === "SYSTEM" || f.actor === "API_TOKEN") where.push(eq(auditEvents.actorType, f.actor));
  else if (f.actor) where.push(eq(auditEvents.actorId, f.actor));
  if (f.from) where.push(gte(auditEvents.createdAt, f.from));
  // "to" is a day picked in a form: include the whole day.
  if (f.to) where.push(lt(auditEvents.createdAt, new Date(f.to.getTime() + 24 * 3600_000)));
  return and(...where)!;
}

export const auditColumns = {
  id: auditEvents.id,
  createdAt: auditEvents.createdAt,
  action: auditEvents.action,
  actorType: auditEvents.actorType,
  actorId: auditEvents.actorId,
  actorLabel: auditEvents.actorLabel,
  connectionId: auditEvents.connectionId,
  connectionExternalId: auditEvents.connectionExternalId,
  connectionName: auditEvents.connectionName,
  flowId: auditEvents.flowId,
  flowName: flows.name,
  details: auditEvents.details,
};

export function selectEvents(db: Db, condition: SQL) {
  return db
    .select(auditColumns)
    .from(auditEvents)
    .leftJoin(flows, and(eq(flows.projectId, auditEvents.projectId), eq(flows.id, auditEvents.flowId)))
    .where(condition)
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id));
}

/** The project's audit trail, newest first, filtered and paged on the server. */
export async function listAuditEvents({ ctx, input }: { ctx: ProjectCtx; input: unknown }) {
  const q = parseOrThrow(ZListAuditInput, input ?? {});
  const condition = auditConditions(ctx.projectId, q);
  const [items, [{ total } = { total: 0 }]] = await Promise.all([
    selectEvents(ctx.db, condition)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(condition),
  ]);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** Who appears in the project's trail, for the actor filter. */
export async function listAuditActors({ ctx }: { ctx: ProjectCtx }) {
  return ctx.db
    .selectDistinct({ actorType: auditEvents.actorType, actorId: auditEvents.actorId, actorLabel: auditEvents.actorLabel })
    .from(auditEvents)
    .where(eq(auditEvents.projectId, ctx.projectId))
    .orderBy(auditEvents.actorLabel)
    .limit(200);
}
