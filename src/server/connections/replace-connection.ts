import { and, eq, sql, type SQL } from "drizzle-orm";
import { rewriteReferencesInJson } from "@/lib/connection-ref";
import { recordAudit } from "@/server/audit/record";
import type { ProjectCtx } from "@/server/context";
import { connectionReferences, connections, flows } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { ValidationError } from "@/server/errors";
import { summarizeAffectedFlows } from "@/server/flows/affected-flows";
import { StalePreviewError } from "@/server/connections/errors";
import { usedInDraft, usedInPublished, type FlowVersionKind } from "@/server/flows/references";
import { parseOrThrow } from "@/server/validation";
import { ZReplaceConnectionInput } from "@/schemas/flows";
import { assertCanWrite } from "./assert-can-write";
import { buildReplacePreview, loadReplacePair } from "./preview-replace";

// Raw statements answer {rows} on PGlite and an array on postgres.js.
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []));

/** The index rows of `externalId` that Replace moves: every one, or only those whose draft uses it. */
const referencesTo = (projectId: string, externalId: string, scope: Scope) =>
  and(eq(connectionReferences.projectId, projectId), eq(connectionReferences.externalId, externalId), scope === "DRAFT" ? usedInDraft : undefined);

/** What a Replace rewrites: drafts and published versions, or drafts only. */
type Scope = "ALL" | "DRAFT";

/**
 * A version (jsonb array of steps) with the input of each step named in `steps` (the index row's
 * steps for that version) looked up in `rewritten` (old text → new); other steps are kept as
 * they are without being printed, and a version that does not use the connection is kept whole.
 */
function rewriteVersion(column: SQL, steps: SQL, rewritten: SQL): SQL {
  return sql`case when cardinality(${steps}) > 0 and jsonb_typeof(${column}) = 'array' then coalesce((
    select jsonb_agg(case when t.s ->> 'name' = any(${steps}) then coalesce(jsonb_set(t.s, '{input}', ${rewritten} -> (t.s -> 'input')::text), t.s) else t.s end order by t.i)
    from jsonb_array_elements(${column}) with ordinality as t(s, i)), ${column}) else ${column} end`;
}

/**
 * Rewrites the affected flows in two statements whatever their number (chunked per-flow reads
 * and writes cost ~1 s at 10,000 flows). The reference grammar stays in one place
 * (rewriteReferencesInJson, in JS): it runs once per distinct step input that mentions `from`, and one
 * UPDATE puts the rewritten inputs in place. Only the steps the index names are looked at.
 * Returns how many flows changed.
 */
async function rewriteFlows(tx: Db, projectId: string, scope: Scope, change: { from: string; to: string }) {
  const r = connectionReferences;
  const updatePublished = scope === "ALL";
  const versions = updatePublished
    ? sql`select f.draft, ${r.draftSteps} union all select f.published, ${r.publishedSteps}`
    : sql`select f.draft, ${r.draftSteps}`;
  // Matched as jsonb::text (canonical), never re-parsed.
  const inputs = rowsOf<{ input: string }>(
    await tx.execute(sql`
      select distinct (t.s -> 'input')::text as input
      from ${flows} f join ${r} on ${r.projectId} = f.project_id and ${r.flowId} = f.id
      cross join lateral (${versions}) as v(steps, names)
      cross join lateral jsonb_array_elements(case when jsonb_typeof(v.steps) = 'array' then v.steps else '[]'::jsonb end) as t(s)
      where f.project_id = ${projectId} and ${referencesTo(projectId, change.from, scope)}
        and t.s ->> 'name' = any(v.names) and strpos((t.s -> 'input')::text, ${change.from}) > 0`),
  );
  // Rewritten as text, so that every number of the input stays exactly as stored; the lookup
  // (old input text → new input) is written out by hand for the same reason.
  const entries: string[] = [];
  for (const { input } of inputs) {
    const next = rewriteReferencesInJson(input, change.from, change.to);
    if (next !== input) entries.push(`${JSON.stringify(input)}:${next}`);
  }
  // An uncorrelated subquery is evaluated once per statement; each step is then a key lookup.
  const lookup = sql`(select ${`{${entries.join(",")}}`}::jsonb)`;
  const updated = await tx
    .update(flows)
    .set({
      draft: rewriteVersion(sql`${flows.draft}`, sql`${r.draftSteps}`, lookup),
      published: updatePublished ? rewriteVersion(sql`${flows.published}`, sql`${r.publishedSteps}`, lookup) : sql`${flows.published}`,
      updatedAt: sql`now()`,
    })
    .from(r)
    .where(and(eq(flows.projectId, projectId), referencesTo(projectId, change.from, scope), eq(r.flowId, flows.id)))
    .returning({ id: flows.id });
  return updated.length;
}

/**
 * Moves the index rows with the JSON: what referenced `from` (in the scope) now references `to`.
 * A flow's row is moved by an UPDATE of its externalId (the flow key does not change, so no
 * foreign-key check); where the flow already has a row for `to`, the steps are merged into it;
 * where only the draft moves and the published version still uses `from`, the row is split.
 */
async function moveReferences(tx: Db, projectId: string, scope: Scope, from: string, to: string) {
  const r = connectionReferences;
  // Usually `to` is new to these flows: then nothing merges or splits, and every row just moves.
  const toInUse = await tx
    .select({ flowId: r.flowId })
    .from(r)
    .where(and(eq(r.projectId, projectId), eq(r.externalId, to)))
    .limit(1);
  if (toInUse.length > 0 || scope === "DRAFT") await mergeInto(tx, projectId, scope, from, to);
  await tx
    .update(r)
    .set({ externalId: to })
    .where(referencesTo(projectId, from, scope));
}

/** The part of moveReferences for flows that reference `to` already, or whose published version keeps `from`. */
async function mergeInto(tx: Db, projectId: string, scope: Scope, from: string, to: string) {
  const r = connectionReferences;
  const union = (a: SQL, b: SQL) => sql`array(select distinct s from unnest(${a} || ${b}) as u(s) order by s)`;
  const hasTo = sql`exists (select 1 from ${r} t where t.project_id = ${projectId} and t.flow_id = ${r.flowId} and t.external_id = ${to})`;
  const moved = referencesTo(projectId, from, scope);
  const publishedStays = scope === "DRAFT" ? usedInPublished : sql`false`;

  // 1. Flows that already reference `to`: its row takes the moving steps.
  await tx.execute(sql`
    update ${r} as t set
      draft_steps = ${union(sql`t.draft_steps`, sql`f.draft_steps`)},
      published_steps = ${scope === "ALL" ? union(sql`t.published_steps`, sql`f.published_steps`) : sql`t.published_steps`}
    from ${r} as f
    where f.project_id = ${projectId} and f.external_id = ${from} ${scope === "DRAFT" ? sql`and cardinality(f.draft_steps) > 0` : sql``}
      and t.project_id = ${projectId} and t.flow_id = f.flow_id and t.external_id = ${to}`);
  // 2. A draft moving away from a published version that stays: a row for `to` of its own.
  if (scope === "DRAFT") {
    await tx.execute(sql`
      insert into ${r} (project_id, flow_id, external_id, draft_steps, published_steps)
      select ${r.projectId}, ${r.flowId}, ${to}, ${r.draftSteps}, '{}'::text[] from ${r}
      where ${moved} and ${publishedStays} and not ${hasTo}`);
  }
  // 3. Rows whose steps now live in `to`'s row: emptied of what moved, or gone.
  await tx.delete(r).where(and(moved, sql`not ${publishedStays}`, hasTo));
  if (scope === "DRAFT")
    await tx
      .update(r)
      .set({ draftSteps: [] })
      .where(and(moved, publishedStays, hasTo));
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

    const scope: Scope = data.updatePublished ? "ALL" : "DRAFT";
    const versions: FlowVersionKind[] = data.updatePublished ? ["DRAFT", "PUBLISHED"] : ["DRAFT"];
    const flowsUpdated = await rewriteFlows(tx, ctx.projectId, scope, { from: from.externalId, to: to.externalId });
    await moveReferences(tx, ctx.projectId, scope, from.externalId, to.externalId);

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
