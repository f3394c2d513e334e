import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/server/api-tokens/create-api-key";
import { revokeApiKey } from "@/server/api-tokens/revoke-api-key";
import { createEngineApp } from "@/server/http/engine-app";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/schemas/api-keys";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { securityWorld, snapshotTables, type SecurityWorld } from "../support/security";
import { engineRequest } from "../support/engine-api";

type Operation = { security?: { bearer?: string[] }[] };
type OpenApi = { paths: Record<string, Record<string, Operation>> };
type Route = { method: string; path: string; scope: string | undefined; public: boolean };

/**
 * A valid request for every operation of the OpenAPI document, aimed at project A. The suite
 * fails for an operation missing here. `otherProject` is what project B's key gets for it: a
 * refusal, or (for an upsert addressed by the editor's own id) a write into B that leaves A alone.
 */
const ROUTE_FIXTURES: Record<string, (w: SecurityWorld) => { params?: Record<string, string>; body?: unknown; otherProject: number }> = {
  "GET /worker/connections/{externalId}": (w) => ({ params: { externalId: w.connection.externalId }, otherProject: 404 }),
  "POST /worker/resolve": (w) => ({ body: { input: { auth: `{{connections['${w.connection.externalId}']}}` } }, otherProject: 404 }),
  "PUT /flows/{id}": (w) => ({ params: { id: w.flow.id }, body: { name: "Overwritten", draft: [] }, otherProject: 201 }),
  "DELETE /flows/{id}": (w) => ({ params: { id: w.flow.id }, otherProject: 404 }),
  "POST /embed/sessions": (w) => ({ body: { userEmail: w.a.user.email }, otherProject: 404 }),
  // Lists answer another project's key with that project's own (here: empty of A's) items.
  "GET /connections": () => ({ otherProject: 200 }),
  "GET /flows": () => ({ otherProject: 200 }),
  "GET /pieces": () => ({ otherProject: 200 }),
};

let tdb: TestDatabase;
let w: SecurityWorld;
let engine: ReturnType<typeof createEngineApp>;
let routes: Route[];
const keys = {} as { revoked: string; otherProject: string; wrongScope: Record<string, string> };

beforeAll(async () => {
  tdb = await createTestDatabase();
  w = await securityWorld(tdb.db);
  engine = createEngineApp({ db: tdb.db, tokenCacheMs: 0 });
  const doc = (await (await engine.app.request("/api/v1/openapi.json")).json()) as OpenApi;
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      scope: op.security?.[0]?.bearer?.[0],
      public: Array.isArray(op.security) && op.security.length === 0,
    })),
  );
  const key = async (ctx: typeof w.a.ctx, scopes: ApiKeyScope[]) => createApiKey({ ctx, input: { name: `key ${scopes.join("+")}`, scopes } });
  const revoked = await key(w.a.ctx, [...API_KEY_SCOPES]);
  await revokeApiKey({ ctx: w.a.ctx, input: { keyId: revoked.key.id } });
  keys.revoked = revoked.token;
  keys.otherProject = (await key(w.b.ctx, [...API_KEY_SCOPES])).token;
  keys.wrongScope = {};
  for (const scope of API_KEY_SCOPES)
    keys.wrongScope[scope] = (
      await key(
        w.a.ctx,
        API_KEY_SCOPES.filter((s) => s !== scope),
      )
    ).token;
});
afterAll(async () => {
  await engine?.usage.idle();
  await tdb?.dispose();
});

function fixtureFor(route: Route) {
  const fixture = ROUTE_FIXTURES[`${route.method} ${route.path}`];
  if (!fixture) throw new Error(`No fixture for ${route.method} ${route.path}: add it to ROUTE_FIXTURES`);
  return fixture(w);
}

function request(route: Route, token: string | null) {
  const { params = {}, body, otherProject } = fixtureFor(route);
  const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? "missing"));
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  // Over HTTP, as server.ts serves it (the hot GET takes its lean door there).
  const res = engineRequest(engine, url, { method: route.method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { res, otherProject };
}

const forged = () => `cmk_${randomBytes(32).toString("base64url")}`;

describe(`every /api/v1 route of the OpenAPI document (${databaseLabel()})`, () => {
  it("names the scope each operation needs, and has a fixture for each", () => {
    const guarded = routes.filter((r) => !r.public);
    expect(guarded.length).toBeGreaterThanOrEqual(5);
    expect(guarded.filter((r) => !r.scope || !(API_KEY_SCOPES as readonly string[]).includes(r.scope)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(guarded.filter((r) => !ROUTE_FIXTURES[`${r.method} ${r.path}`]).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(routes.filter((r) => r.public).map((r) => `${r.method} ${r.path}`)).toEqual(["GET /openapi.json"]);
  });

  it("refuses no key, a forged key, a revoked key and a key without the scope, and nothing changes", async () => {
    const before = await snapshotTables(tdb.db);
    const wrong: string[] = [];
    for (const route of routes.filter((r) => !r.public)) {
      const attempts: [string, string | null, number, string][] = [
        ["no key", null, 401, "unauthorized"],
        ["forged key", forged(), 401, "unauthorized"],
        ["revoked key", keys.revoked, 401, "unauthorized"],
        ["wrong-scope key", keys.wrongScope[route.scope!]!, 403, "insufficient_scope"],
      ];
      for (const [label, token, status, code] of attempts) {
        const res = await request(route, token).res;
        const body = (await res.json().catch(() => ({}))) as { error?: string };
        if (res.status !== status || body.error !== code) wrong.push(`${route.method} ${route.path} with ${label}: ${res.status} ${body.error}`);
      }
    }
    expect(wrong).toEqual([]);
    await engine.usage.idle();
    expect(await snapshotTables(tdb.db)).toEqual(before);
  });

  it("gives another project's key nothing of this project, and changes nothing in it", async () => {
    const before = await snapshotTables(tdb.db, w.a.project.id);
    const wrong: string[] = [];
    // B's own upsert runs last: it creates B's flow under the same id, which B may then delete.
    const ordered = routes.filter((r) => !r.public).sort((x, y) => Number(fixtureFor(x).otherProject === 201) - Number(fixtureFor(y).otherProject === 201));
    for (const route of ordered) {
      const { res, otherProject } = request(route, keys.otherProject);
      const response = await res;
      const text = await response.text();
      if (response.status !== otherProject) wrong.push(`${route.method} ${route.path}: ${response.status} ${text.slice(0, 120)}`);
      if (text.includes(w.connection.id) || text.includes(w.connection.displayName)) wrong.push(`${route.method} ${route.path} leaked the connection`);
    }
    expect(wrong).toEqual([]);
    await engine.usage.idle();
    expect(await snapshotTables(tdb.db, w.a.project.id)).toEqual(before);
  });
});
