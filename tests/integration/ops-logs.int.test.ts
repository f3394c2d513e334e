import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toTRPCError } from "@/server/api/error-map";
import { createConnection } from "@/server/connections/create-connection";
import type { ProjectCtx } from "@/server/context";
import { users } from "@/server/db/schema";
import { log } from "@/server/log";
import { runWithRequest } from "@/server/observability/request-context";
import { runDueRefreshes } from "@/server/oauth/refresh/scheduler";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { apiKey } from "../support/engine-api";
import { createEngineApp } from "@/server/http/engine-app";
import { projectWithMember } from "../support/factories";
import { captureLogs } from "../support/log-capture";
import { CLIENTS, connectThroughProvider, makeDue, oauthValueOf, startTestProvider, stopTestProvider, type OAuthTestProvider } from "../support/oauth";
import { findConnectionOrThrow } from "@/server/connections/find";
import { sql } from "drizzle-orm";

// One run through create, resolve, refresh and failures with canary secrets, logs captured from
// pino's destination: every line is JSON, request lines carry their id, no canary is ever written.

const canary = () => `canary${randomBytes(8).toString("hex")}`;
let tdb: TestDatabase;
let provider: OAuthTestProvider;
let ctx: ProjectCtx;
let user: { id: string; email: string };
let capture: ReturnType<typeof captureLogs>;
const secrets: string[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  provider = await startTestProvider();
  ({ ctx, user } = await projectWithMember(tdb.db, "ADMIN"));
  capture = captureLogs();
});
afterAll(async () => {
  capture?.stop();
  await stopTestProvider(provider);
  await tdb?.dispose();
});

describe(`structured logs (${databaseLabel()})`, () => {
  it("writes JSON lines with request ids, access lines and parameter-free database errors, and no secret", async () => {
    // Create: a secret-text connection whose value is a canary.
    const value = `sk-test${canary()}`;
    secrets.push(value);
    const { connection } = await createConnection({
      ctx,
      input: { pieceName: "openai", type: "SECRET_TEXT", displayName: "Canary key", credentials: { secret_text: value } },
    });

    // Resolve through the engine API, with the caller's request id, then unknown and unauthorized calls.
    const key = await apiKey(ctx);
    secrets.push(key);
    const engine = createEngineApp({ db: tdb.db, tokenCacheMs: 0 });
    const call = (path: string, requestId: string, token = key) =>
      engine.app.request(`/api/v1${path}`, { headers: { authorization: `Bearer ${token}`, "x-request-id": requestId } });
    const ok = await call(`/worker/connections/${connection.externalId}`, "req-resolve-1");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-request-id")).toBe("req-resolve-1");
    expect(JSON.stringify(await ok.json())).toContain(value);
    expect((await call("/worker/connections/no-such-one", "req-missing-1")).status).toBe(404);
    const badToken = `cmk_${canary()}`;
    secrets.push(badToken);
    const refused = await call(`/worker/connections/${connection.externalId}`, "bad id with spaces", badToken);
    expect(refused.status).toBe(401);
    const generatedId = refused.headers.get("x-request-id");
    expect(generatedId).toMatch(/^[0-9a-f-]{36}$/);

    // Refresh: a transient provider failure (logged as a warning), then a successful refresh.
    secrets.push(CLIENTS.default.secret);
    const oauth = await connectThroughProvider(provider, ctx, user, { displayName: "Canary OAuth" });
    const before = oauthValueOf(oauth);
    secrets.push(before.access_token, before.refresh_token!);
    await makeDue(tdb.db, oauth.id);
    provider.setTokenEndpointOutage("http-500");
    await runDueRefreshes(tdb.db, { budgetMs: 5_000 });
    provider.setTokenEndpointOutage(null);
    await tdb.db.execute(sql`update connections set refresh_at = now() - interval '1 second', refresh_failures = 0 where id = ${oauth.id}`);
    expect(await runDueRefreshes(tdb.db, { budgetMs: 5_000 })).toMatchObject({ refreshed: 1 });
    const after = oauthValueOf(await findConnectionOrThrow(tdb.db, ctx.projectId, oauth.id));
    secrets.push(after.access_token, after.refresh_token!);

    // Failure: a failed insert carrying a password hash reaches the tRPC error mapper, inside a request.
    const hash = `scrypt$${canary()}`;
    secrets.push(hash);
    const insert = () => tdb.db.insert(users).values({ id: user.id, email: "dup@example.test", name: "Dup", passwordHash: hash });
    const failure = await insert().then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(Error);
    runWithRequest({ requestId: "req-failure-1" }, () => toTRPCError(failure, "admin.createUser"));

    // Callers passing secrets by mistake: headers and nested credential fields.
    const stray = canary();
    secrets.push(stray);
    runWithRequest({ requestId: "req-stray-1" }, () =>
      log.info("stray fields", {
        headers: { authorization: `Bearer ${stray}`, cookie: `session=${stray}` },
        input: { auth: { password: stray, props: { clientSecret: stray } } },
      }),
    );

    const raw = capture.raw();
    for (const s of secrets) expect(raw, "a secret reached the log").not.toContain(s);
    const lines = capture.lines(); // throws on any line that is not JSON
    expect(lines.length).toBeGreaterThan(4);
    for (const l of lines) expect(l).toMatchObject({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) });

    const access = lines.filter((l) => l.msg === "api request");
    expect(access.find((l) => l.requestId === "req-resolve-1")).toMatchObject({
      method: "GET",
      route: "/api/v1/worker/connections/:externalId",
      status: 200,
      durationMs: expect.any(Number),
      projectId: ctx.projectId,
      apiKeyId: expect.any(String),
    });
    expect(access.find((l) => l.requestId === "req-missing-1")).toMatchObject({ status: 404, route: "/api/v1/worker/connections/:externalId" });
    expect(access.find((l) => l.requestId === generatedId)).toMatchObject({ status: 401, apiKeyId: null });
    for (const l of access) expect(String(l.route)).not.toContain(connection.externalId);

    expect(lines.find((l) => l.msg === "oauth: refresh failed, will retry")).toMatchObject({ level: "warn", connectionId: oauth.id });

    const dbError = lines.find((l) => l.requestId === "req-failure-1")!;
    expect(dbError).toMatchObject({
      level: "error",
      msg: "unhandled error in tRPC procedure",
      error: {
        type: "DrizzleQueryError",
        query: expect.stringMatching(/^insert into "users"/),
        cause: { code: "23505", message: expect.stringMatching(/duplicate key/) },
      },
    });
    expect(lines.find((l) => l.requestId === "req-stray-1")).toMatchObject({ headers: { authorization: "[redacted]", cookie: "[redacted]" } });
  });
});
