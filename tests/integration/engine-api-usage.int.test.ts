import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/server/api-tokens/create-api-key";
import { listApiKeys } from "@/server/api-tokens/list-api-keys";
import type { ProjectCtx } from "@/server/context";
import { createEngineApp } from "@/server/http/engine-app";
import { createMachineApi } from "@/server/http/machine-api";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { apiKey as key, engineFixture } from "../support/engine-api";
import { projectWithMember } from "../support/factories";
import { createKeyConnection } from "../support/flows";
import { rows } from "../support/sql";

// Usage attribution (X-Flow-Id), the workflow editor's flow endpoints, keys, the document, real HTTP.

let tdb: TestDatabase;
let fx: Awaited<ReturnType<typeof engineFixture>>;
let ctx: ProjectCtx;
let other: ProjectCtx;
let readKey: string;
let conn: Awaited<ReturnType<typeof engineFixture>>["conn"];
let secret: string;
let call: Awaited<ReturnType<typeof engineFixture>>["call"];

beforeAll(async () => {
  tdb = await createTestDatabase();
  fx = await engineFixture(tdb);
  ({ ctx, other, readKey, conn, secret, call } = fx);
});
afterAll(async () => {
  await fx?.engine.usage.idle();
  await tdb?.dispose();
});

describe(`engine API: usage attribution with X-Flow-Id (${databaseLabel()})`, () => {
  it("writes Last Used and one audit event per connection and flow per minute, after the response", async () => {
    // The fake clock starts at the real time: the cross-instance check compares with stored times.
    let now = Date.now();
    const attributed = createEngineApp({ db: tdb.db, tokenCacheMs: 0, now: () => now });
    const used = await createKeyConnection(ctx, "Attributed key");
    const get = (flowId?: string) => call(`/worker/connections/${used.externalId}`, { headers: flowId ? { "x-flow-id": flowId } : {} }, attributed);
    const events = async () =>
      (
        await rows<{ flow_id: string; actor_type: string }>(
          tdb.db,
          sql`select flow_id, actor_type from audit_events where connection_id = ${used.id} and action = 'connection.used' order by id`,
        )
      ).map((r) => `${r.flow_id}/${r.actor_type}`);

    for (let i = 0; i < 5; i++) expect((await get("flow-a")).status).toBe(200);
    await get("flow-b");
    await get();
    await attributed.usage.idle();
    expect(await events()).toEqual(["flow-a/API_TOKEN", "flow-b/API_TOKEN"]);
    const [row] = await rows<{ last_used_at: Date | null }>(tdb.db, sql`select last_used_at from connections where id = ${used.id}`);
    expect(row!.last_used_at).not.toBeNull();

    now += 59_000;
    await get("flow-a");
    await attributed.usage.idle();
    expect(await events()).toHaveLength(2);
    now += 2_000;
    await get("flow-a");
    await attributed.usage.idle();
    expect(await events()).toEqual(["flow-a/API_TOKEN", "flow-b/API_TOKEN", "flow-a/API_TOKEN"]);

    expect((await get("bad flow id!")).status).toBe(400);
    await attributed.usage.idle();
  });

  it("several engine instances together still write one event per connection and flow per minute", async () => {
    const { createUsageRecorder } = await import("@/server/engine/usage-recorder");
    const used = await createKeyConnection(ctx, "Shared key");
    const instances = [1, 2, 3].map(() => createUsageRecorder({ db: tdb.db }));
    const use = { projectId: ctx.projectId, connection: used, flowId: "flow-shared", actor: { type: "API_TOKEN" as const, id: "t", label: "engine" } };
    for (const instance of instances) expect(instance.connectionUsed(use)).toBe(true);
    for (const instance of instances) expect(instance.connectionUsed({ ...use, flowId: "flow-other" })).toBe(true);
    await Promise.all(instances.map((i) => i.idle()));
    const written = await rows<{ flow_id: string; n: number }>(
      tdb.db,
      sql`select flow_id, count(*)::int as n from audit_events where connection_id = ${used.id} and action = 'connection.used' group by flow_id order by flow_id`,
    );
    expect(written).toEqual([
      { flow_id: "flow-other", n: 1 },
      { flow_id: "flow-shared", n: 1 },
    ]);
  });

  it("the response does not wait for the write", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowDb = new Proxy(tdb.db, {
      get: (target, prop, receiver) =>
        prop === "transaction"
          ? (fn: Parameters<typeof target.transaction>[0]) => gate.then(() => target.transaction(fn))
          : Reflect.get(target, prop, receiver),
    });
    const { createUsageRecorder } = await import("@/server/engine/usage-recorder");
    const usage = createUsageRecorder({ db: slowDb });
    const app = createEngineApp({ db: tdb.db, tokenCacheMs: 0, usage });
    const used = await createKeyConnection(ctx, "Gated key");
    const res = await call(`/worker/connections/${used.externalId}`, { headers: { "x-flow-id": "flow-gated" } }, app);
    expect(res.status).toBe(200);
    const count = async () =>
      (await rows<{ n: number }>(tdb.db, sql`select count(*)::int as n from audit_events where connection_id = ${used.id} and action = 'connection.used'`))[0]!
        .n;
    expect(await count()).toBe(0);
    release();
    await usage.idle();
    expect(await count()).toBe(1);
  });
});

describe("engine API: PUT / DELETE /flows/{id}", () => {
  it("creates, updates, publishes and deletes flows with a flows:write key", async () => {
    const writer = await key(ctx, ["flows:write"]);
    const put = (id: string, body: unknown, token: string | null = writer) => call(`/flows/${id}`, { method: "PUT", body: JSON.stringify(body), token });
    const draft = [{ name: "ask", pieceName: "openai", input: { auth: `{{connections['${conn.externalId}']}}` } }];

    const created = await put("editor-flow-1", { name: "From the editor", draft });
    expect(created.status).toBe(201);
    expect((await created.json()).flow).toMatchObject({ id: "editor-flow-1", name: "From the editor", published: null });
    const published = await put("editor-flow-1", { name: "From the editor", draft, publish: true, enabled: true });
    expect(published.status).toBe(200);
    expect((await published.json()).flow).toMatchObject({ enabled: true, published: draft });
    const refs = await rows<{ draft_steps: string[]; published_steps: string[] }>(
      tdb.db,
      sql`select draft_steps, published_steps from connection_references where flow_id = 'editor-flow-1'`,
    );
    expect(refs).toEqual([{ draft_steps: ["ask"], published_steps: ["ask"] }]);

    expect((await put("editor-flow-1", { name: "", draft })).status).toBe(400);
    expect((await put("editor-flow-2", { name: "x", draft: "nope" })).status).toBe(400);
    expect((await put("bad%20id", { name: "x", draft: [] })).status).toBe(400);
    expect((await put("editor-flow-1", { name: "x", draft: [] }, readKey)).status).toBe(403);
    expect((await put("editor-flow-1", { name: "x", draft: [] }, null)).status).toBe(401);
    // Ids are per project: another project's flow with the same id is its own flow, and neither
    // project learns about or touches the other's.
    const otherWriter = await key(other, ["flows:write"]);
    const same = await put("editor-flow-1", { name: "Other project's flow", draft: [] }, otherWriter);
    expect(same.status).toBe(201);
    expect((await same.json()).flow).toMatchObject({ id: "editor-flow-1", name: "Other project's flow", published: null });
    const mine = await rows<{ name: string; project_id: string }>(tdb.db, sql`select name, project_id from flows where id = 'editor-flow-1' order by name`);
    expect(mine).toEqual([
      { name: "From the editor", project_id: ctx.projectId },
      { name: "Other project's flow", project_id: other.projectId },
    ]);
    expect((await call("/flows/editor-flow-1", { method: "DELETE", token: otherWriter })).status).toBe(204);

    expect((await call("/flows/editor-flow-1", { method: "DELETE", token: otherWriter })).status).toBe(404);
    expect((await call("/flows/editor-flow-1", { method: "DELETE", token: writer })).status).toBe(204);
    const gone = await call("/flows/editor-flow-1", { method: "DELETE", token: writer });
    expect(gone.status).toBe(404);
    expect((await gone.json()).error).toBe("flow_not_found");
  });
});

describe("engine API: keys, the document, real HTTP", () => {
  it("stores keys hashed, lists them by prefix and records their last use", async () => {
    const created = await createApiKey({ ctx, input: { name: "Listed", scopes: ["connections:read", "flows:write"] } });
    expect(created.token).toMatch(/^cmk_[A-Za-z0-9_-]{43}$/);
    const [stored] = await rows<{ token_hash: string; prefix: string }>(tdb.db, sql`select token_hash, prefix from api_tokens where id = ${created.key.id}`);
    expect(stored!.token_hash).not.toContain(created.token.slice(4));
    expect(stored!.prefix).toBe(created.token.slice(0, 12));
    await call(`/worker/connections/${conn.externalId}`, { token: created.token });
    await fx.engine.usage.idle();
    const listed = (await listApiKeys({ ctx })).find((k) => k.id === created.key.id)!;
    expect(listed).toMatchObject({ name: "Listed", prefix: stored!.prefix, revokedAt: null });
    expect(listed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(await listApiKeys({ ctx }))).not.toContain(created.token);
    await expect(
      createApiKey({ ctx: (await projectWithMember(tdb.db, "EDITOR")).ctx, input: { name: "x", scopes: ["connections:read"] } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("serves its OpenAPI document without a key, and answers over real HTTP", async () => {
    const doc = await call("/openapi.json", { token: null });
    expect(doc.status).toBe(200);
    expect(Object.keys((await doc.json()).paths)).toEqual(expect.arrayContaining(["/worker/connections/{externalId}", "/worker/resolve", "/flows/{id}"]));
    expect((await call("/nope", { token: null })).status).toBe(404);

    const api = createMachineApi(tdb.db, { overrideGlobalObjects: false });
    const server = createServer(api.handle);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/worker/connections/${conn.externalId}`, { headers: { authorization: `Bearer ${readKey}` } });
      expect(res.status).toBe(200);
      expect((await res.json()).value.secret_text).toBe(secret);
    } finally {
      server.close();
      await api.idle();
    }
  });
});
