import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getConnection } from "@/server/connections/get-connection";
import { previewReplace, type ReplacePreview } from "@/server/connections/preview-replace";
import { replaceConnection } from "@/server/connections/replace-connection";
import type { ProjectCtx } from "@/server/context";
import { getFlow } from "@/server/flows/get-flow";
import { flowReferences, indexRowsOf } from "@/server/flows/references";
import type { FlowStep } from "@/server/db/schema";
import { StalePreviewError } from "@/server/connections/errors";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { projectWithMember } from "../support/factories";
import { createKeyConnection, saveTestFlow, step } from "../support/flows";
import { rows } from "../support/sql";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.dispose();
});

async function scenario() {
  const { ctx } = await projectWithMember(tdb.db, "EDITOR");
  const from = await createKeyConnection(ctx, "Old key");
  const to = await createKeyConnection(ctx, "New key");
  return { ctx, from, to };
}

const preview = (ctx: ProjectCtx, fromConnectionId: string, toConnectionId: string, page = 1) =>
  previewReplace({ ctx, input: { fromConnectionId, toConnectionId, page, pageSize: 2 } });

async function flowCount(ctx: ProjectCtx, connectionId: string) {
  return (await getConnection({ ctx, input: { connectionId } })).flowCount;
}

async function auditRows(projectId: string) {
  return rows<{ action: string; connection_id: string; details: Record<string, unknown> }>(
    tdb.db,
    sql`select action, connection_id, details from audit_events where project_id = ${projectId} and action in ('connection.replaced', 'connection.deleted') order by id`,
  );
}

/** Everything Replace may touch in a project, as one comparable value. */
async function snapshot(projectId: string) {
  const [state] = await rows<Record<string, string>>(
    tdb.db,
    sql`select
      (select md5(coalesce(string_agg(id || draft::text || coalesce(published::text, '-') || updated_at::text, ',' order by id), '')) from flows where project_id = ${projectId}) as flows,
      (select md5(coalesce(string_agg(flow_id || external_id || draft_steps::text || published_steps::text, ',' order by flow_id, external_id), '')) from connection_references where project_id = ${projectId}) as refs,
      (select string_agg(id, ',' order by id) from connections where project_id = ${projectId}) as conns,
      (select count(*)::text from audit_events where project_id = ${projectId}) as audit`,
  );
  return state;
}

describe(`Replace (${databaseLabel()})`, () => {
  it("previews the affected flows page by page, then rewrites drafts and published versions and deletes the old one", async () => {
    const { ctx, from, to } = await scenario();
    const both = await saveTestFlow(ctx, {
      name: "A both",
      draft: [step("ask", from.externalId, { header: `Bearer {{connections["${from.externalId}"].secret_text}}` })],
      publish: true,
    });
    const draftOnly = await saveTestFlow(ctx, { name: "B draft", draft: [step("ask", from.externalId), step("keep", to.externalId)] });
    const untouched = await saveTestFlow(ctx, { name: "C other", draft: [step("ask", to.externalId)] });

    const first = await preview(ctx, from.id, to.id);
    expect(first).toMatchObject({ total: 2, counts: { both: 1, draft: 1, published: 0 }, page: 1 });
    expect(first.items.map((f) => [f.name, f.use])).toEqual([
      ["A both", "BOTH"],
      ["B draft", "DRAFT"],
    ]);
    expect((await preview(ctx, from.id, to.id, 2)).items).toEqual([]);

    const result = await replaceConnection({
      ctx,
      input: { fromConnectionId: from.id, toConnectionId: to.id, updatePublished: true, deleteOld: true, expectedFingerprint: first.fingerprint },
    });
    expect(result).toMatchObject({ flowsUpdated: 2, deletedOld: true });

    const a = await getFlow({ ctx, input: { flowId: both.id } });
    expect(a.draft[0]!.connections.map((c) => c.externalId)).toEqual([to.externalId]);
    expect(a.published![0]!.connections.map((c) => c.externalId)).toEqual([to.externalId]);
    const [raw] = await rows<{ draft: unknown }>(tdb.db, sql`select draft from flows where id = ${both.id}`);
    expect(JSON.stringify(raw!.draft)).toContain(`Bearer {{connections[\\"${to.externalId}\\"].secret_text}}`);
    expect((await getFlow({ ctx, input: { flowId: draftOnly.id } })).problems).toBe(0);
    expect(await flowCount(ctx, to.id)).toBe(3);
    await expect(getConnection({ ctx, input: { connectionId: from.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [untouchedRow] = await rows<{ updated_at: Date }>(tdb.db, sql`select updated_at from flows where id = ${untouched.id}`);
    expect(new Date(untouchedRow!.updated_at).getTime()).toBe(untouched.updatedAt.getTime());

    const audit = await auditRows(ctx.projectId);
    expect(audit.map((r) => [r.action, r.connection_id])).toEqual([
      ["connection.replaced", from.id],
      ["connection.deleted", from.id],
    ]);
    expect(audit[0]!.details).toMatchObject({ flows: 2, replacedBy: { id: to.id }, versions: "draft and published" });
  });

  it("can leave published versions alone, and then refuses to delete the old connection", async () => {
    const { ctx, from, to } = await scenario();
    const flow = await saveTestFlow(ctx, { draft: [step("ask", from.externalId)], publish: true });
    const { fingerprint } = await preview(ctx, from.id, to.id);
    const input = { fromConnectionId: from.id, toConnectionId: to.id, updatePublished: false, expectedFingerprint: fingerprint };
    await expect(replaceConnection({ ctx, input: { ...input, deleteOld: true } })).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("published versions of 1 flow still use"),
    });
    await replaceConnection({ ctx, input: { ...input, deleteOld: false } });
    const detail = await getFlow({ ctx, input: { flowId: flow.id } });
    expect(detail.draft[0]!.connections[0]!.externalId).toBe(to.externalId);
    expect(detail.published![0]!.connections[0]!.externalId).toBe(from.externalId);
    expect(await flowCount(ctx, from.id)).toBe(1);
  });

  it.each([
    ["drafts and published versions", true],
    ["drafts only", false],
  ] as const)("leaves the reference index exactly as saving each flow again would (%s): moved, merged, split", async (_label, updatePublished) => {
    const { ctx, from, to } = await scenario();
    const other = await createKeyConnection(ctx, "Other key");
    /** A flow whose published version is `published` and whose draft is `draft`. */
    const flow = async (name: string, published: FlowStep[] | null, draft: FlowStep[]) => {
      const flowId = `${name}-${updatePublished}`;
      if (published) await saveTestFlow(ctx, { flowId, name, draft: published, publish: true });
      return saveTestFlow(ctx, { flowId, name, draft });
    };
    const usesFrom = [step("ask", from.externalId), step("post", other.externalId)];
    await flow("moved", usesFrom, usesFrom);
    await flow("merged", null, [
      step("ask", from.externalId),
      step("keep", to.externalId),
      step("twice", from.externalId, { also: `{{connections['${to.externalId}']}}` }),
    ]);
    await flow("split", [step("ask", from.externalId)], [step("ask", from.externalId), step("new", from.externalId)]);
    await flow("published-on-to", [step("ask", to.externalId)], [step("ask", from.externalId)]);
    await flow("published-only", [step("ask", from.externalId)], [step("ask", other.externalId)]);
    await flow("untouched", null, [step("ask", other.externalId)]);

    const { fingerprint } = await preview(ctx, from.id, to.id);
    await replaceConnection({
      ctx,
      input: { fromConnectionId: from.id, toConnectionId: to.id, updatePublished, deleteOld: false, expectedFingerprint: fingerprint },
    });

    const index = await rows<{ flow_id: string; external_id: string; draft_steps: string[]; published_steps: string[] }>(
      tdb.db,
      sql`select flow_id, external_id, draft_steps, published_steps from connection_references where project_id = ${ctx.projectId} order by flow_id, external_id`,
    );
    const flows = await rows<{ id: string; draft: FlowStep[]; published: FlowStep[] | null }>(
      tdb.db,
      sql`select id, draft, published from flows where project_id = ${ctx.projectId} order by id`,
    );
    const rebuilt = flows
      .flatMap((f) =>
        indexRowsOf(flowReferences(f.draft, f.published)).map((r) => ({
          flow_id: f.id,
          external_id: r.externalId,
          draft_steps: r.draftSteps,
          published_steps: r.publishedSteps,
        })),
      )
      .sort((a, b) => (a.flow_id === b.flow_id ? (a.external_id < b.external_id ? -1 : 1) : a.flow_id < b.flow_id ? -1 : 1));
    expect(index).toEqual(rebuilt);
    // The flows really changed as asked: from is left only where published versions were kept.
    const stillFrom = index.filter((r) => r.external_id === from.externalId).map((r) => [r.flow_id, r.draft_steps, r.published_steps]);
    expect(stillFrom).toEqual(
      updatePublished
        ? []
        : [
            ["moved-false", [], ["ask"]],
            ["published-only-false", [], ["ask"]],
            ["split-false", [], ["ask"]],
          ],
    );
  });

  it("keeps every number of a rewritten step exactly as stored (no rounding through JavaScript)", async () => {
    const { ctx, from, to } = await scenario();
    const flow = await saveTestFlow(ctx, { name: "Numbers", draft: [step("ask", from.externalId)] });
    // Numbers a JavaScript round trip would change, written straight into the stored step.
    await tdb.db.execute(
      sql`update flows set draft = jsonb_set(draft, '{0,input,numbers}', '[12345678901234567890, 1.50, 1e-7, -0.000]'::jsonb) where id = ${flow.id}`,
    );
    const [before] = await rows<{ numbers: string }>(
      tdb.db,
      sql`select (draft -> 0 -> 'input' -> 'numbers')::text as numbers from flows where id = ${flow.id}`,
    );
    const { fingerprint } = await preview(ctx, from.id, to.id);
    await replaceConnection({
      ctx,
      input: { fromConnectionId: from.id, toConnectionId: to.id, updatePublished: true, deleteOld: false, expectedFingerprint: fingerprint },
    });
    const [after] = await rows<{ numbers: string; auth: string }>(
      tdb.db,
      sql`select (draft -> 0 -> 'input' -> 'numbers')::text as numbers, draft -> 0 -> 'input' ->> 'auth' as auth from flows where id = ${flow.id}`,
    );
    expect(after).toEqual({ numbers: before!.numbers, auth: `{{connections['${to.externalId}']}}` });
    expect(before!.numbers).toContain("12345678901234567890");
  });

  it("refuses a stale preview and answers with the new list", async () => {
    const { ctx, from, to } = await scenario();
    await saveTestFlow(ctx, { name: "Seen", draft: [step("ask", from.externalId)] });
    const seen = await preview(ctx, from.id, to.id);
    await saveTestFlow(ctx, { name: "Added after the preview", draft: [step("ask", from.externalId)] });
    const before = await snapshot(ctx.projectId);

    const err = await replaceConnection({
      ctx,
      input: { fromConnectionId: from.id, toConnectionId: to.id, expectedFingerprint: seen.fingerprint },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StalePreviewError);
    const fresh = (err as StalePreviewError).preview as ReplacePreview;
    expect(fresh.total).toBe(2);
    expect(fresh.items.map((f) => f.name)).toEqual(["Added after the preview", "Seen"]);
    expect(await snapshot(ctx.projectId)).toEqual(before);

    await replaceConnection({ ctx, input: { fromConnectionId: from.id, toConnectionId: to.id, expectedFingerprint: fresh.fingerprint } });
    expect(await flowCount(ctx, from.id)).toBe(0);
  });

  it("refuses another app's connection, the same connection and another project's", async () => {
    const { ctx, from } = await scenario();
    const claude = await createKeyConnection(ctx, "Claude", "anthropic");
    const foreign = await createKeyConnection((await projectWithMember(tdb.db, "ADMIN")).ctx, "Foreign");
    await expect(preview(ctx, from.id, claude.id)).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringContaining("another OpenAI connection") });
    await expect(replaceConnection({ ctx, input: { fromConnectionId: from.id, toConnectionId: claude.id, expectedFingerprint: "x" } })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(preview(ctx, from.id, from.id)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(preview(ctx, from.id, foreign.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("Replace is all or nothing", () => {
  const FLOWS = 1500;
  let ctx: ProjectCtx;
  let from: Awaited<ReturnType<typeof createKeyConnection>>;
  let to: Awaited<ReturnType<typeof createKeyConnection>>;

  beforeAll(async () => {
    ({ ctx, from, to } = await scenario());
    const steps = sql`jsonb_build_array(jsonb_build_object('name', 'ask', 'pieceName', 'openai', 'input', jsonb_build_object('auth', ${`{{connections['${from.externalId}']}}`}::text)))`;
    await tdb.db.execute(sql`
      insert into flows (id, project_id, name, draft, published, published_at)
      select 'bulk-' || lpad(g::text, 5, '0'), ${ctx.projectId}, 'Bulk ' || lpad(g::text, 5, '0'), ${steps}, ${steps}, now()
      from generate_series(1, ${FLOWS}) as g`);
    await tdb.db.execute(sql`
      insert into connection_references (project_id, flow_id, external_id, draft_steps, published_steps)
      select ${ctx.projectId}, f.id, ${from.externalId}, '{ask}', '{ask}' from flows f where f.project_id = ${ctx.projectId}`);
  });
  afterEach(async () => {
    await tdb.db.execute(sql`drop trigger if exists inject_failure on flows`);
    await tdb.db.execute(sql`drop trigger if exists inject_failure on connection_references`);
    await tdb.db.execute(sql`drop trigger if exists inject_failure on connections`);
  });

  async function injectFailure(table: "flows" | "connection_references" | "connections", event: "update" | "insert" | "delete", when: string) {
    await tdb.db.execute(
      sql.raw(`create or replace function inject_failure() returns trigger language plpgsql as $$
        begin raise exception 'injected failure'; end $$`),
    );
    await tdb.db.execute(sql.raw(`create trigger inject_failure before ${event} on ${table} for each row when (${when}) execute function inject_failure()`));
  }

  it.each([
    ["rewriting flow 1200 of 1500 (after the first 1000 were written)", "flows", "update", "new.id = 'bulk-01200'"],
    ["moving the reference index rows", "connection_references", "update", "true"],
    ["deleting the old connection", "connections", "delete", "true"],
  ] as const)("a failure while %s leaves every flow unchanged", async (_label, table, event, when) => {
    const { fingerprint, total } = await preview(ctx, from.id, to.id);
    expect(total).toBe(FLOWS);
    const before = await snapshot(ctx.projectId);
    await injectFailure(table, event, when);
    const err = await replaceConnection({
      ctx,
      input: { fromConnectionId: from.id, toConnectionId: to.id, deleteOld: true, expectedFingerprint: fingerprint },
    }).catch((e: unknown) => e);
    // Drivers wrap the database error ("Failed query: …"); the trigger's message is in the cause.
    expect(String((err as { cause?: Error }).cause?.message ?? err)).toContain("injected failure");
    expect(await snapshot(ctx.projectId)).toEqual(before);
    expect(await flowCount(ctx, from.id)).toBe(FLOWS);
  });

  it("without a failure, all 1500 flows move", async () => {
    const { fingerprint } = await preview(ctx, from.id, to.id);
    const result = await replaceConnection({ ctx, input: { fromConnectionId: from.id, toConnectionId: to.id, expectedFingerprint: fingerprint } });
    expect(result.flowsUpdated).toBe(FLOWS);
    expect(await flowCount(ctx, from.id)).toBe(0);
    expect(await flowCount(ctx, to.id)).toBe(FLOWS);
    const [left] = await rows<{ n: number }>(
      tdb.db,
      sql`select count(*)::int as n from flows where project_id = ${ctx.projectId} and (draft::text like ${`%${from.externalId}'%`} or published::text like ${`%${from.externalId}'%`})`,
    );
    expect(left!.n).toBe(0);
  });
});
