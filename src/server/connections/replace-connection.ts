import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { rewriteReferences } from "@/lib/connection-ref";
import { recordAudit } from "@/server/audit/record";
import type { ProjectCtx } from "@/server/context";
import { connectionReferences, connections, flows } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { ValidationError } from "@/server/errors";
import { summarizeAffectedFlows } from "@/server/flows/affected-flows";
import { StalePreviewError } from "@/server/connections/errors";
import type { FlowVersionKind } from "@/server/flows/references";
import { parseOrThrow } from "@/server/validation";
import { ZReplaceConnectionInput } from "@/schemas/flows";
import { assertCanWrite } from "./assert-can-write";
import { buildReplacePreview, loadReplacePair } from "./preview-replace";

// Raw statements answer {rows} on PGlite and an array on postgres.js.
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []));

const referencesTo = (projectId: string, externalId: string, versions: FlowVersionKind[]) =>
  and(eq(connectionReferences.projectId, projectId), eq(connectionReferences.externalId, externalId), inArray(connectionReferences.version, versions));

/** A version (jsonb array of steps) with each step's input looked up in `rewritten` (old text → new). */
function rewriteVersion(column: SQL, rewritten: SQL): SQL {
  return sql`case when jsonb_typeof(${column}) = 'array' then coalesce((
    select jsonb_agg(coalesce(jsonb_set(t.s, '{input}', ${rewritten} -> (t.s -> 'input')::text), t.s) order by t.i)
    from jsonb_array_elements(${column}) with ordinality as t(s, i)), ${column}) else ${column} end`;
}

/**
 * Rewrites the affected flows in two statements whatever their number (chunked per-flow reads
 * and writes cost ~1 s at 10,000 flows). The reference grammar stays in one place
 * (rewriteReferences, in JS): it runs once per distinct step input that mentions `from`, and one
 * UPDATE puts the rewritten inputs in place. Returns how many flows changed.
 */
async function rewriteFlows(tx: Db, projectId: string, versions: FlowVersionKind[], change: { from: string; to: string; updatePublished: boolean }) {
  const targets = sql`select ${connectionReferences.flowId} from ${connectionReferences} where ${referencesTo(projectId, change.from, versions)}`;
  const columns = change.updatePublished ? sql`f.draft union all select f.published` : sql`f.draft`;
  // Matched as jsonb::text (canonical), never re-parsed: JSON.parse would round large numbers.
  const inputs = rowsOf<{ input: string }>(
    await tx.execute(sql`
      select distinct (t.s -> 'input')::text as input
      from ${flows} f cross join lateral (select ${columns}) as v(steps)
      cross join lateral jsonb_array_elements(case when jsonb_typeof(v.steps) = 'array' then v.steps else '[]'::jsonb end) as t(s)
      where f.project_id = ${projectId} and f.id in (${targets}) and strpos((t.s -> 'input')::text, ${change.from}) > 0`),
  );
  const rewritten: Record<string, unknown> = {};
  for (const { input } of inputs) {
    const parsed: unknown = JSON.parse(input);
    const next = rewriteReferences(parsed, change.from, change.to);
    if (next !== parsed) rewritten[input] = next;
  }
  // An uncorrelated subquery is evaluated once per statement; each step is then a key lookup.
  const lookup = sql`(select ${JSON.stringify(rewritten)}::jsonb)`;
  const updated = await tx
    .update(flows)
    .set({
      draft: rewriteVersion(sql`${flows.draft}`, lookup),
      published: change.updatePublished ? rewriteVersion(sql`${flows.published}`, lookup) : sql`${flows.published}`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(flows.projectId, projectId), inArray(flows.id, sql`(${targets})`)))
    .returning({ id: flows.id });
  return updated.length;
}

/**
 * Moves the index rows with the JSON: every reference to `from` now names `to`. An UPDATE
 * rather than insert + delete: the flow key does not change, so no foreign-key check per row.
 */
async function moveReferences(tx: Db, projectId: string, versions: FlowVersionKind[], from: string, to: string) {
  await tx.execute(sql`
    delete from ${connectionReferences} where ${referencesTo(projectId, from, versions)} and exists (
      select 1 from ${connectionReferences} same where same.project_id = ${connectionReferences.projectId}
        and same.flow_id = ${connectionReferences.flowId} and same.version = ${connectionReferences.version}
        and same.step_name = ${connectionReferences.stepName} and same.external_id = ${to})`);
  await tx
    .update(connectionReferences)
    .set({ externalId: to })
    .where(referencesTo(projectId, from, versions));
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
    const flowsUpdated = await rewriteFlows(tx, ctx.projectId, versions, { from: from.externalId, to: to.externalId, updatePublished: data.updatePublished });
    await moveReferences(tx, ctx.projectId, versions, from.externalId, to.externalId);

    await recordAudit(tx, {
      projectId: ctx.projectId,
      actor: ctx.actor,
      action: "connection.replaced",
      connection: from,
      details: {
        replacedBy: { id: to.id, externalId: to.externalId, displayName: to.displayName },
        flows: flowsUpdated,
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
    return { flowsUpdated, versions, deletedOld: data.deleteOld, from, to };
  });
}
