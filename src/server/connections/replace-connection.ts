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
 * Rewrites the affected flows and moves their references in two statements whatever their number
 * (chunked per-flow reads and writes cost ~1 s at 10,000 flows). The reference grammar stays in
 * one place (rewriteReferences, in JS): it runs once per distinct step input that mentions `from`;
 * then one statement puts the rewritten inputs in place and moves the index rows with them (the
 * affected flows are found once for both). Returns how many flows changed.
 */
async function rewriteFlowsAndReferences(
  tx: Db,
  projectId: string,
  versions: FlowVersionKind[],
  change: { from: string; to: string; updatePublished: boolean },
): Promise<number> {
  const { from, to } = change;
  const targets = sql`select ${connectionReferences.flowId} from ${connectionReferences} where ${referencesTo(projectId, from, versions)}`;
  const columns = change.updatePublished ? sql`f.draft union all select f.published` : sql`f.draft`;
  // Matched as jsonb::text (canonical), never re-parsed: JSON.parse would round large numbers.
  const inputs = rowsOf<{ input: string }>(
    await tx.execute(sql`
      select distinct (t.s -> 'input')::text as input
      from ${flows} f cross join lateral (select ${columns}) as v(steps)
      cross join lateral jsonb_array_elements(case when jsonb_typeof(v.steps) = 'array' then v.steps else '[]'::jsonb end) as t(s)
      where f.project_id = ${projectId} and f.id in (${targets}) and strpos((t.s -> 'input')::text, ${from}) > 0`),
  );
  const rewritten: Record<string, unknown> = {};
  for (const { input } of inputs) {
    const parsed: unknown = JSON.parse(input);
    const next = rewriteReferences(parsed, from, to);
    if (next !== parsed) rewritten[input] = next;
  }
  // An uncorrelated subquery is evaluated once per statement; each step is then a key lookup.
  const lookup = sql`(select ${JSON.stringify(rewritten)}::jsonb)`;
  const draft = rewriteVersion(sql`f.draft`, lookup);
  const published = change.updatePublished ? rewriteVersion(sql`f.published`, lookup) : sql`f.published`;
  const versionList = sql.join(
    versions.map((v) => sql`${v}`),
    sql`, `,
  );
  // A reference to `from` whose step already names `to` as well is dropped, the others renamed:
  // two disjoint sets of rows, so both writes can share the statement. An UPDATE rather than
  // insert + delete: the flow key does not change, so no foreign-key check per row.
  const fromRefs = sql`r.project_id = ${projectId} and r.external_id = ${from} and r.version in (${versionList})`;
  const twin = sql`exists (select 1 from ${connectionReferences} same where same.project_id = r.project_id and same.flow_id = r.flow_id
    and same.version = r.version and same.step_name = r.step_name and same.external_id = ${to})`;
  const [row] = rowsOf<{ flows: number }>(
    await tx.execute(sql`
      with targets as materialized (select distinct r.flow_id from ${connectionReferences} r where ${fromRefs}),
      rewritten as (
        update ${flows} f set draft = ${draft}, published = ${published}, updated_at = now()
        where f.project_id = ${projectId} and f.id in (select flow_id from targets) returning 1),
      dropped as (delete from ${connectionReferences} r where ${fromRefs} and ${twin} returning 1),
      moved as (update ${connectionReferences} r set external_id = ${to} where ${fromRefs} and not ${twin} returning 1)
      select (select count(*) from rewritten)::int as flows`),
  );
  return Number(row?.flows ?? 0);
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
    const flowsUpdated = await rewriteFlowsAndReferences(tx, ctx.projectId, versions, {
      from: from.externalId,
      to: to.externalId,
      updatePublished: data.updatePublished,
    });

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
