import { and, eq, getTableColumns } from "drizzle-orm";
import { requireRole } from "@/server/authz/roles";
import { referencedExternalIds } from "@/lib/connection-ref";
import { recordAudit } from "@/server/audit/record";
import type { ProjectCtx } from "@/server/context";
import { flows, type FlowStep } from "@/server/db/schema";
import { parseOrThrow } from "@/server/validation";
import { ZSaveFlowInput } from "@/schemas/flows";
import { toFlowDto } from "./dto";
import { flowVersionOf, flowVersionSql } from "./etag";
import { flowReferences, lockReferencedConnections, syncFlowReferences } from "./references";

function idsOf(steps: FlowStep[] | null | undefined): string[] {
  return steps ? [...referencedExternalIds(steps.map((s) => s.input))] : [];
}

/**
 * Creates or updates a flow by id (the workflow editor picks ids) and rewrites its reference
 * index rows in the same transaction, so "which flows use this connection" is never stale.
 */
export async function saveFlow({ ctx, input, precondition }: { ctx: ProjectCtx; input: unknown; precondition?: (currentVersion: string | null) => void }) {
  requireRole(ctx, "EDITOR", "Viewers cannot change flows");
  const data = parseOrThrow(ZSaveFlowInput, input);
  const draft: FlowStep[] = data.draft;

  return ctx.db.transaction(async (tx) => {
    // What the flow uses before and after the save: a Replace or Delete of any of them must
    // see this save entirely or not at all.
    const thisFlow = and(eq(flows.projectId, ctx.projectId), eq(flows.id, data.flowId));
    const [seen] = await tx.select({ draft: flows.draft, published: flows.published }).from(flows).where(thisFlow).limit(1);
    const locked = new Set([...idsOf(draft), ...idsOf(seen?.draft), ...idsOf(seen?.published)]);
    await lockReferencedConnections(tx, ctx.projectId, [...locked]);

    const [current] = await tx
      .select({ row: getTableColumns(flows), version: flowVersionSql })
      .from(flows)
      .where(thisFlow)
      .limit(1)
      .for("update");
    const existing = current?.row;
    // An HTTP If-Match, checked under the row lock: nobody can write between the check and the save.
    precondition?.(current?.version ?? null);
    const published = data.publish ? draft : (existing?.published ?? null);
    // Published by someone else between the first read and the row lock: lock what it uses too.
    const late = idsOf(published).filter((id) => !locked.has(id));
    if (late.length) await lockReferencedConnections(tx, ctx.projectId, late);

    // Strictly later than the version it replaces, so each version has its own ETag.
    const clock = new Date();
    const now = existing && clock.getTime() <= existing.updatedAt.getTime() ? new Date(existing.updatedAt.getTime() + 1) : clock;
    const values = {
      name: data.name,
      enabled: data.enabled ?? existing?.enabled ?? false,
      draft,
      published,
      publishedAt: data.publish ? now : (existing?.publishedAt ?? null),
      updatedAt: now,
    };
    const [row] = existing
      ? await tx.update(flows).set(values).where(thisFlow).returning()
      : await tx
          .insert(flows)
          .values({ id: data.flowId, projectId: ctx.projectId, ...values })
          .returning();
    await syncFlowReferences(tx, { projectId: ctx.projectId, flowId: data.flowId, references: flowReferences(draft, published) });
    // Which connections a flow names decides which secrets its runs are given: record the set.
    await recordAudit(tx, {
      projectId: ctx.projectId,
      actor: ctx.actor,
      action: "flow.saved",
      flowId: data.flowId,
      details: {
        name: data.name,
        created: !existing,
        published: Boolean(data.publish),
        connections: [...new Set([...idsOf(draft), ...idsOf(published)])].sort(),
      },
    });
    return { flow: toFlowDto(row!), created: !existing, version: flowVersionOf(row!.updatedAt) };
  });
}
