import { and, eq, inArray, sql } from "drizzle-orm";
import { rewriteReferences } from "@/lib/connection-ref";
import { recordAudit } from "@/server/audit/record";
import type { ProjectCtx } from "@/server/context";
import { connectionReferences, connections, flows, type FlowStep } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { ValidationError } from "@/server/errors";
import { summarizeAffectedFlows } from "@/server/flows/affected-flows";
import { StalePreviewError } from "@/server/flows/errors";
import type { FlowVersionKind } from "@/server/flows/references";
import { parseOrThrow } from "@/server/validation";
import { ZReplaceConnectionInput } from "@/schemas/flows";
import { assertCanWrite } from "./create-connection";
import { buildReplacePreview, loadReplacePair } from "./preview-replace";

const CHUNK = 1000;

function rewriteSteps(steps: FlowStep[], from: string, to: string): FlowStep[] {
  return steps.map((step) => {
    const input = rewriteReferences(step.input, from, to);
    return input === step.input ? step : { ...step, input };
  });
}

/** Rewrites the flows' JSON a chunk at a time: one locked select and one update per chunk. */
async function rewriteFlows(tx: Db, projectId: string, flowIds: string[], change: { from: string; to: string; updatePublished: boolean }) {
  for (let i = 0; i < flowIds.length; i += CHUNK) {
    const batch = await tx
      .select({ id: flows.id, draft: flows.draft, published: flows.published })
      .from(flows)
      .where(and(eq(flows.projectId, projectId), inArray(flows.id, flowIds.slice(i, i + CHUNK))))
      .for("update");
    const updates = batch.map((f) => ({
      id: f.id,
      draft: rewriteSteps(f.draft, change.from, change.to),
      published: change.updatePublished && f.published ? rewriteSteps(f.published, change.from, change.to) : f.published,
    }));
    await tx.execute(sql`
      update ${flows} set draft = x.draft, published = x.published, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as x(id text, draft jsonb, published jsonb)
      where ${flows.id} = x.id and ${flows.projectId} = ${projectId}`);
  }
}

/** Moves the index rows with the JSON: every rewritten reference to `from` now names `to`. */
async function moveReferences(tx: Db, projectId: string, versions: FlowVersionKind[], from: string, to: string) {
  const where = and(
    eq(connectionReferences.projectId, projectId),
    eq(connectionReferences.externalId, from),
    inArray(connectionReferences.version, versions),
  );
  await tx.execute(sql`
    insert into ${connectionReferences} (project_id, flow_id, version, step_name, external_id)
    select project_id, flow_id, version, step_name, ${to} from ${connectionReferences} where ${where}
    on conflict do nothing`);
  await tx.delete(connectionReferences).where(where);
}

/**
 * Points every flow that uses one connection at another of the same app, in one transaction:
 * all the flows change, or none. Refused when the affected flows differ from the preview the
 * user confirmed (`expectedFingerprint`); the error carries the new preview.
 */
export async function replaceConnection({ ctx, input }: { ctx: ProjectCtx; input: unknown }) {
  assertCanWrite(ctx);
  const data = parseOrThrow(ZReplaceConnectionInput, input);
  return ctx.db.transaction(async (tx) => {
    // Both connections locked first (id order), then flows: the same order as every flow save.
    const pair = await loadReplacePair(tx, ctx.projectId, data.fromConnectionId, data.toConnectionId, { forUpdate: true });
    const { from, to } = pair;
    const affected = await summarizeAffectedFlows(tx, ctx.projectId, [from.externalId]);
    if (affected.fingerprint !== data.expectedFingerprint) {
      throw new StalePreviewError(await buildReplacePreview(tx, ctx.projectId, pair, { page: 1, pageSize: 20 }));
    }
    const stillPublished = affected.counts.published + affected.counts.both;
    if (data.deleteOld && !data.updatePublished && stillPublished > 0) {
      throw new ValidationError(
        `The published versions of ${stillPublished} flow${stillPublished === 1 ? "" : "s"} still use ${from.displayName}: also update published versions, or keep it.`,
      );
    }

    const versions: FlowVersionKind[] = data.updatePublished ? ["DRAFT", "PUBLISHED"] : ["DRAFT"];
    const targets = await tx
      .selectDistinct({ flowId: connectionReferences.flowId })
      .from(connectionReferences)
      .where(
        and(
          eq(connectionReferences.projectId, ctx.projectId),
          eq(connectionReferences.externalId, from.externalId),
          inArray(connectionReferences.version, versions),
        ),
      )
      .orderBy(connectionReferences.flowId);
    const flowIds = targets.map((t) => t.flowId);
    await rewriteFlows(tx, ctx.projectId, flowIds, { from: from.externalId, to: to.externalId, updatePublished: data.updatePublished });
    await moveReferences(tx, ctx.projectId, versions, from.externalId, to.externalId);

    await recordAudit(tx, {
      projectId: ctx.projectId,
      actor: ctx.actor,
      action: "connection.replaced",
      connection: from,
      details: {
        replacedBy: { id: to.id, externalId: to.externalId, displayName: to.displayName },
        flows: flowIds.length,
        versions: data.updatePublished ? "draft and published" : "draft",
        deleteOld: data.deleteOld,
      },
    });
    if (data.deleteOld) {
      await tx.delete(connections).where(and(eq(connections.projectId, ctx.projectId), eq(connections.id, from.id)));
      await recordAudit(tx, {
        projectId: ctx.projectId,
        actor: ctx.actor,
        action: "connection.deleted",
        connection: from,
        details: { pieceName: from.pieceName, replacedBy: { id: to.id, externalId: to.externalId, displayName: to.displayName } },
      });
    }
    return { flowsUpdated: flowIds.length, versions, deletedOld: data.deleteOld, from, to };
  });
}
