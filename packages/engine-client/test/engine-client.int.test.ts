import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createMachineApi } from "@/server/http/machine-api";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../../../tests/support/db";
import { apiKey } from "../../../tests/support/engine-api";
import { projectWithMember, uniq } from "../../../tests/support/factories";
import { createKeyConnection } from "../../../tests/support/flows";
import { createEngineClient, EngineApiError, type ConnectionListItem, type EngineClient, type FlowListItem, type PieceListItem } from "../src";

// The engine client against the real engine API (createMachineApi, as server.ts serves it beside
// Next) on a real socket and a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL).
let tdb: TestDatabase;
let server: Server;
let baseUrl = "";
let fullKey = "";
let readKey = "";
let client: EngineClient;
let userEmail = "";
const secrets: string[] = [];
const openai: string[] = [];
const anthropic: string[] = [];

const listen = (s: Server) => new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
const urlOf = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { ctx, user } = await projectWithMember(tdb.db, "ADMIN");
  userEmail = user.email;
  fullKey = await apiKey(ctx, ["connections:read", "connections:list", "flows:read", "flows:write", "embed:sessions"]);
  readKey = await apiKey(ctx, ["connections:read"]);
  for (let i = 0; i < 3; i++) openai.push((await createKeyConnection(ctx, `OpenAI ${i}`, "openai")).externalId);
  for (let i = 0; i < 2; i++) anthropic.push((await createKeyConnection(ctx, `Claude ${i}`, "anthropic")).externalId);
  const machine = createMachineApi(tdb.db, { overrideGlobalObjects: false });
  server = createServer((req, res) => machine.handle(req, res));
  await listen(server);
  baseUrl = urlOf(server);
  client = createEngineClient({ baseUrl, apiKey: fullKey, retry: { baseDelayMs: 10, maxDelayMs: 50 } });
});

afterAll(async () => {
  // The client's fetch keeps sockets alive: close them, or close() waits for their idle timeout.
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await tdb?.dispose();
});

/** The error a call throws, after checking that nothing secret is in it. */
async function failure(call: Promise<unknown>): Promise<EngineApiError> {
  const err = await call.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EngineApiError);
  const text = `${(err as Error).message} ${JSON.stringify(err)} ${(err as Error).stack}`;
  for (const secret of [fullKey, readKey, ...secrets]) expect(text).not.toContain(secret);
  return err as EngineApiError;
}

describe(`engine client against the engine API (${databaseLabel()})`, () => {
  it("reads a connection's credentials and resolves references", async () => {
    const connection = await client.getConnection(openai[0]!, { flowId: "daily-report" });
    expect(connection).toMatchObject({ externalId: openai[0], pieceName: "openai", type: "SECRET_TEXT" });
    const secret = (connection.value as { secret_text: string }).secret_text;
    expect(secret).toMatch(/^sk-test/);
    secrets.push(secret);

    const output = await client.resolve<{ auth: string; text: string }>({ auth: `{{connections['${openai[0]}']}}`, text: "plain" });
    expect(output).toEqual({ auth: connection.value, text: "plain" });
  });

  it("throws typed errors: status, code, message, fieldErrors and the request id, never a secret", async () => {
    const missing = await failure(client.getConnection("no-such-connection"));
    expect(missing).toMatchObject({ status: 404, code: "connection_not_found", operation: "getConnection" });
    expect(missing.requestId).toBeTruthy();

    const badFlow = await failure(client.getConnection(openai[0]!, { flowId: "not a flow id!" }));
    expect(badFlow).toMatchObject({ status: 400, code: "invalid_flow_id" });

    const invalid = await failure(client.putFlow("bad-flow", { name: "", draft: [] }));
    expect(invalid).toMatchObject({ status: 400, code: "invalid_request" });
    expect(invalid.fieldErrors).toHaveProperty("name");

    const wrongScope = createEngineClient({ baseUrl, apiKey: readKey });
    expect(await failure(wrongScope.listConnections())).toMatchObject({ status: 403, code: "insufficient_scope" });
    const unknownKey = createEngineClient({ baseUrl, apiKey: "cmk_not_a_real_key_000000000000" });
    expect(await failure(unknownKey.getConnection(openai[0]!))).toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("creates, updates under If-Match, and deletes a flow", async () => {
    const id = uniq("flow");
    const draft = [{ name: "ask", pieceName: "openai", input: { auth: `{{connections['${openai[1]}']}}` } }];
    const created = await client.putFlow(id, { name: "Daily report", draft, publish: true });
    expect(created.created).toBe(true);
    expect(created.etag).toBeTruthy();
    expect(created.location).toContain(`/api/v1/flows/${id}`);
    expect(created.flow).toMatchObject({ id, name: "Daily report" });

    const updated = await client.putFlow(id, { name: "Daily report v2", draft }, { ifMatch: created.etag! });
    expect(updated.created).toBe(false);
    expect(updated.etag).not.toBe(created.etag);

    const stale = await failure(client.putFlow(id, { name: "Lost update", draft }, { ifMatch: created.etag! }));
    expect(stale.status).toBe(412);

    const listed: FlowListItem[] = [];
    for await (const flow of client.flows.all({ limit: 1 })) listed.push(flow);
    expect(listed.map((f) => f.id)).toContain(id);
    expect(listed.find((f) => f.id === id)).toMatchObject({ name: "Daily report v2" });
  });

  // Node's fetch (like curl) sends a DELETE without Content-Length; server.ts serves /api/v1 this way.
  it("deletes a flow, then answers 404 flow_not_found", async () => {
    const id = uniq("flow");
    await client.putFlow(id, { name: "To delete", draft: [] });
    await client.deleteFlow(id);
    expect(await failure(client.deleteFlow(id))).toMatchObject({ status: 404, code: "flow_not_found" });
  });

  it("opens an embed session for a member, and refuses an unknown user", async () => {
    const session = await client.createEmbedSession({ userEmail, ttlSeconds: 60 });
    expect(session.token).toMatch(/^embt_/);
    expect(session.pickerUrl).toBe(`${baseUrl}${session.pickerPath}`);
    secrets.push(session.token);
    expect(await failure(client.createEmbedSession({ userEmail: "nobody@example.test" }))).toMatchObject({ status: 404, code: "user_not_found" });
  });

  it("walks every page of connections (metadata only), with filters, and the app catalogue", async () => {
    const first = await client.listConnections({ limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));

    const all: ConnectionListItem[] = [];
    for await (const c of client.connections.all({ limit: 2 })) all.push(c);
    expect(all.map((c) => c.externalId).sort()).toEqual([...openai, ...anthropic].sort());
    expect(new Set(all.map((c) => c.externalId)).size).toBe(all.length);
    for (const c of all) expect(c).not.toHaveProperty("value");
    expect(JSON.stringify(all)).not.toContain(secrets[0]!);

    const claude: string[] = [];
    for await (const c of client.connections.all({ pieceName: "anthropic", limit: 1 })) claude.push(c.externalId);
    expect(claude.sort()).toEqual([...anthropic].sort());

    const pieces: PieceListItem[] = [];
    for await (const p of client.pieces.all({ limit: 5 })) pieces.push(p);
    expect(pieces.map((p) => p.name)).toEqual(expect.arrayContaining(["openai", "anthropic", "slack"]));
    expect(new Set(pieces.map((p) => p.name)).size).toBe(pieces.length);
  });

  it("retries a real 503 (a loopback gateway answering 503 twice) and then gets the engine's answer", async () => {
    let hits = 0;
    const target = new URL(baseUrl);
    // Stands in for a load balancer whose engine instances are briefly unavailable.
    const gateway = createServer((req, res) => {
      hits++;
      if (hits <= 2) {
        req.resume();
        res.writeHead(503, { "content-type": "application/json", "retry-after": "1" });
        res.end(JSON.stringify({ error: "unavailable", message: "No engine instance is ready" }));
        return;
      }
      const upstream = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    });
    await listen(gateway);
    try {
      const retried: number[] = [];
      const viaGateway = createEngineClient({ baseUrl: urlOf(gateway), apiKey: fullKey, onRetry: (r) => retried.push(r.delayMs) });
      const started = Date.now();
      const connection = await viaGateway.getConnection(openai[2]!);
      expect(connection.externalId).toBe(openai[2]);
      expect(hits).toBe(3);
      expect(retried).toHaveLength(2);
      expect(retried.every((ms) => ms >= 1_000)).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);

      // Out of retries: the 503 comes back as a typed error.
      hits = 0;
      const impatient = createEngineClient({ baseUrl: urlOf(gateway), apiKey: fullKey, retry: { retries: 1 } });
      expect(await failure(impatient.getConnection(openai[2]!))).toMatchObject({ status: 503, code: "unavailable", retryAfterSeconds: 1 });
      expect(hits).toBe(2);
    } finally {
      gateway.closeAllConnections();
      await new Promise((resolve) => gateway.close(resolve));
    }
  });

  it("is typed from the generated document", () => {
    // The list items are the document's schemas, not `never` or `any`.
    expectTypeOf<ConnectionListItem>().toHaveProperty("externalId");
    expectTypeOf<FlowListItem>().toHaveProperty("id");
    expectTypeOf<PieceListItem>().toHaveProperty("name");
  });
});
