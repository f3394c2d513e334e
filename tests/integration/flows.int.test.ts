import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listConnections } from "@/server/connections/list-connections";
import { getConnection } from "@/server/connections/get-connection";
import type { ProjectCtx } from "@/server/context";
import { deleteFlow } from "@/server/flows/delete-flow";
import { getFlow } from "@/server/flows/get-flow";
import { listFlows } from "@/server/flows/list-flows";
import { listFlowSummaries } from "@/server/flows/list-flow-summaries";
import { saveFlow } from "@/server/flows/save-flow";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { addMembership, createUser, projectWithMember, sessionPrincipal } from "../support/factories";
import { createKeyConnection, saveTestFlow, step } from "../support/flows";
import { rows } from "../support/sql";
import { authorizeProject } from "@/server/authz/project-access";

let tdb: TestDatabase;
let ctx: ProjectCtx;
let other: ProjectCtx;
beforeAll(async () => {
  tdb = await createTestDatabase();
  ctx = (await projectWithMember(tdb.db, "EDITOR")).ctx;
  other = (await projectWithMember(tdb.db, "ADMIN")).ctx;
});
afterAll(async () => {
  await tdb?.dispose();
});

async function indexRows(flowId: string) {
  const found = await rows<{ version: string; step_name: string; external_id: string }>(
    tdb.db,
    sql`select v.version, v.step_name, r.external_id from connection_references r
      cross join lateral (select 'DRAFT' as version, s as step_name from unnest(r.draft_steps) as s
        union all select 'PUBLISHED', s from unnest(r.published_steps) as s) as v
      where r.flow_id = ${flowId} order by version, step_name, external_id`,
  );
  return found.map((r) => `${r.version}:${r.step_name}:${r.external_id}`);
}

describe(`reference index (${databaseLabel()})`, () => {
  it("follows every save of the draft, every publish, and the flow's deletion", async () => {
    const flowId = "flow-index-1";
    await saveTestFlow(ctx, {
      flowId,
      draft: [step("trigger", null), step("ask", "a", { header: "Bearer {{connections['b'].secret_text}}", nested: { list: ['{{ connections["a"] }}'] } })],
    });
    expect(await indexRows(flowId)).toEqual(["DRAFT:ask:a", "DRAFT:ask:b"]);

    await saveTestFlow(ctx, { flowId, draft: [step("ask", "b")], publish: true });
    expect(await indexRows(flowId)).toEqual(["DRAFT:ask:b", "PUBLISHED:ask:b"]);

    // Editing the draft afterwards leaves the published version's references alone.
    await saveTestFlow(ctx, { flowId, draft: [step("ask", "c"), step("post", "a")] });
    expect(await indexRows(flowId)).toEqual(["DRAFT:ask:c", "DRAFT:post:a", "PUBLISHED:ask:b"]);

    await deleteFlow({ ctx, input: { flowId } });
    expect(await indexRows(flowId)).toEqual([]);
  });

  it("a refused save changes neither the flow nor its index", async () => {
    const flowId = "flow-index-2";
    await saveTestFlow(ctx, { flowId, draft: [step("ask", "a")] });
    await expect(saveTestFlow(ctx, { flowId, draft: [step("ask", "z"), step("ask", "y")] })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await indexRows(flowId)).toEqual(["DRAFT:ask:a"]);
  });

  it("flow ids are per project: another project's same id neither changes nor deletes this flow; viewers cannot write", async () => {
    await saveTestFlow(ctx, { flowId: "flow-owned", draft: [step("ask", "a")] });
    await expect(deleteFlow({ ctx: other, input: { flowId: "flow-owned" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const theirs = await saveTestFlow(other, { flowId: "flow-owned", draft: [step("notify", "b")] });
    expect(theirs.id).toBe("flow-owned");
    await deleteFlow({ ctx: other, input: { flowId: "flow-owned" } });
    expect(await indexRows("flow-owned")).toEqual(["DRAFT:ask:a"]);
    expect((await getFlow({ ctx, input: { flowId: "flow-owned" } })).draft.map((s) => s.name)).toEqual(["ask"]);

    const viewer = await createUser(tdb.db);
    await addMembership(tdb.db, ctx.projectId, viewer.id, "VIEWER");
    const viewerCtx = await authorizeProject(tdb.db, sessionPrincipal(viewer), ctx.projectId, "VIEWER");
    await expect(saveFlow({ ctx: viewerCtx, input: { flowId: "v", name: "v", draft: [] } })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("Flows counts on the Connections list", () => {
  it("counts distinct flows using each connection in draft or published, per project", async () => {
    const p = (await projectWithMember(tdb.db, "EDITOR")).ctx;
    const used = await createKeyConnection(p, "Counted");
    const unused = await createKeyConnection(p, "Unused");
    await saveTestFlow(p, { draft: [step("a", used.externalId), step("b", used.externalId)] }); // twice in one flow
    await saveTestFlow(p, { draft: [step("a", used.externalId)], publish: true }); // both versions
    const third = await saveTestFlow(p, { draft: [step("a", used.externalId)], publish: true });
    await saveTestFlow(p, { flowId: third.id, name: third.name, draft: [step("a", null)] }); // published only now
    await saveTestFlow(p, { draft: [step("a", null)] });
    // Another project's flow naming the same externalId is not counted here.
    await saveTestFlow(other, { draft: [step("a", used.externalId)] });

    const list = await listConnections({ ctx: p, input: {} });
    const count = (id: string) => list.items.find((c) => c.id === id)!.flowCount;
    expect(count(used.id)).toBe(3);
    expect(count(unused.id)).toBe(0);
    expect((await getConnection({ ctx: p, input: { connectionId: used.id } })).flowCount).toBe(3);
  });
});

describe("Flows page", () => {
  it("lists, searches and filters by connection, saying which versions use it", async () => {
    const p = (await projectWithMember(tdb.db, "EDITOR")).ctx;
    const slack = await createKeyConnection(p, "Team key");
    await saveTestFlow(p, { name: "Invoice digest", draft: [step("a", slack.externalId)], publish: true });
    await saveTestFlow(p, { name: "Lead router", draft: [step("a", slack.externalId)] });
    await saveTestFlow(p, { name: "Nightly invoice sync", draft: [step("a", null)] });

    const all = await listFlows({ ctx: p, input: {} });
    expect(all.items.map((f) => f.name)).toEqual(["Invoice digest", "Lead router", "Nightly invoice sync"]);
    expect((await listFlows({ ctx: p, input: { search: "INVOICE" } })).items.map((f) => f.name)).toEqual(["Invoice digest", "Nightly invoice sync"]);

    const filtered = await listFlows({ ctx: p, input: { connection: slack.externalId } });
    expect(filtered.total).toBe(2);
    expect(filtered.filter).toMatchObject({ externalId: slack.externalId, connection: { displayName: "Team key" } });
    expect(filtered.items.map((f) => [f.name, f.uses[0]!.use])).toEqual([
      ["Invoice digest", "BOTH"],
      ["Lead router", "DRAFT"],
    ]);
    expect((await listFlows({ ctx: other, input: { connection: slack.externalId } })).total).toBe(0);
  });

  it("the engine API's list names each flow's connections once, sorted, whichever versions use them", async () => {
    const p = (await projectWithMember(tdb.db, "EDITOR")).ctx;
    const mail = await createKeyConnection(p, "Mail key");
    const chat = await createKeyConnection(p, "Chat key");
    const both = await saveTestFlow(p, { draft: [step("b", mail.externalId), step("a", chat.externalId), step("c", mail.externalId)], publish: true });
    const none = await saveTestFlow(p, { draft: [step("a", null)] });
    await saveTestFlow(other, { draft: [step("a", "elsewhere")] });

    const { data } = await listFlowSummaries(p, { limit: 10 });
    expect(data.map((f) => [f.id, f.connections])).toEqual([
      [none.id, []],
      [both.id, [chat.externalId, mail.externalId].sort()],
    ]);
  });

  it("flow detail flags a missing, an errored and another app's connection", async () => {
    const p = (await projectWithMember(tdb.db, "EDITOR")).ctx;
    const ok = await createKeyConnection(p, "Good key");
    const broken = await createKeyConnection(p, "Broken key");
    const claude = await createKeyConnection(p, "Claude key", "anthropic");
    await tdb.db.execute(sql`update connections set status = 'ERROR', status_reason = 'Key revoked' where id = ${broken.id}`);
    const flow = await saveTestFlow(p, {
      name: "Detail",
      draft: [step("ok", ok.externalId), step("broken", broken.externalId), step("gone", "deleted-one"), step("wrong", claude.externalId)],
    });
    const detail = await getFlow({ ctx: p, input: { flowId: flow.id } });
    expect(detail.draft.map((s) => [s.name, s.connections[0]?.problem, s.connections[0]?.connection?.displayName ?? null])).toEqual([
      ["ok", null, "Good key"],
      ["broken", "CONNECTION_ERROR", "Broken key"],
      ["gone", "CONNECTION_NOT_FOUND", null],
      ["wrong", "OTHER_APP", "Claude key"],
    ]);
    expect(detail.problems).toBe(3);
    expect(detail.published).toBeNull();
    await expect(getFlow({ ctx: other, input: { flowId: flow.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
