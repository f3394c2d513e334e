import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/server/api-tokens/create-api-key";
import { revokeApiKey } from "@/server/api-tokens/revoke-api-key";
import type { ProjectCtx } from "@/server/context";
import { encryptJson } from "@/server/crypto/envelope";
import { connections } from "@/server/db/schema";
import { createEngineApp } from "@/server/http/engine-app";
import { getKeyRing } from "@/server/secrets/key-ring";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { apiKey as key, engineFixture } from "../support/engine-api";
import { createKeyConnection } from "../support/flows";

// The flow engine's endpoints: every status code, project isolation, revocation, resolve.

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

describe(`engine API: GET /worker/connections/{externalId} (${databaseLabel()})`, () => {
  it("200 with the decrypted value", async () => {
    const res = await call(`/worker/connections/${conn.externalId}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      id: conn.id,
      externalId: conn.externalId,
      displayName: "Engine key",
      pieceName: "openai",
      type: "SECRET_TEXT",
      value: { type: "SECRET_TEXT", secret_text: expect.stringMatching(/^sk-test/) },
    });
  });

  it("404 for an unknown id and, identically, for another project's connection", async () => {
    const foreign = await createKeyConnection(other, "Foreign key");
    const unknown = await call("/worker/connections/no-such-connection");
    const cross = await call(`/worker/connections/${foreign.externalId}`);
    expect([unknown.status, cross.status]).toEqual([404, 404]);
    expect((await cross.json()).error).toBe("connection_not_found");
    expect((await unknown.json()).error).toBe("connection_not_found");
    // …while project B's own key reads it.
    expect((await call(`/worker/connections/${foreign.externalId}`, { token: await key(other) })).status).toBe(200);
  });

  it("409 connection_error / connection_missing when it cannot be used", async () => {
    const broken = await createKeyConnection(ctx, "Broken engine key");
    await tdb.db.execute(sql`update connections set status = 'ERROR', status_reason = 'The key was revoked' where id = ${broken.id}`);
    const res = await call(`/worker/connections/${broken.externalId}`);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: "connection_error", message: "The key was revoked" });

    const missing = await createKeyConnection(ctx, "Missing engine key");
    await tdb.db.execute(sql`update connections set status = 'MISSING', value = null, key_id = null where id = ${missing.id}`);
    const res2 = await call(`/worker/connections/${missing.externalId}`);
    expect(res2.status).toBe(409);
    expect((await res2.json()).error).toBe("connection_missing");
  });

  it("OAuth2: a token that is not about to expire is returned without a refresh; a final error is 409", async () => {
    const insertOAuth = async (name: string, expiresInMs: number, status: "ACTIVE" | "ERROR") => {
      const id = randomUUID();
      const value = {
        type: "OAUTH2",
        access_token: `at-${name}`,
        refresh_token: "rt",
        token_type: "Bearer",
        expires_at: new Date(Date.now() + expiresInMs).toISOString(),
      };
      const sealed = encryptJson(getKeyRing(), value, id);
      await tdb.db.insert(connections).values({
        id,
        projectId: ctx.projectId,
        externalId: name,
        displayName: name,
        pieceName: "gmail",
        type: "OAUTH2",
        status,
        statusReason: status === "ERROR" ? "The grant was revoked" : null,
        value: sealed.ciphertext,
        keyId: sealed.keyId,
        tokenExpiresAt: new Date(Date.now() + expiresInMs),
      });
    };
    await insertOAuth("gmail-fresh", 3_600_000, "ACTIVE");
    const res = await call("/worker/connections/gmail-fresh");
    expect(res.status).toBe(200);
    expect((await res.json()).value).toMatchObject({ type: "OAUTH2", access_token: "at-gmail-fresh" });

    await insertOAuth("gmail-revoked", -60_000, "ERROR");
    const refused = await call("/worker/connections/gmail-revoked");
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: "connection_error", message: "The grant was revoked" });
  });

  it("401 without a valid key, for a revoked key, and 403 without the scope", async () => {
    for (const token of [null, "cmk_short", `cmk_${"x".repeat(43)}`]) {
      const res = await call(`/worker/connections/${conn.externalId}`, { token });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await res.json()).toMatchObject({ error: "unauthorized" });
    }
    expect((await call(`/worker/connections/${conn.externalId}`, { headers: { authorization: `Basic ${readKey}` }, token: null })).status).toBe(401);

    const doomed = await createApiKey({ ctx, input: { name: "doomed", scopes: ["connections:read"] } });
    expect((await call(`/worker/connections/${conn.externalId}`, { token: doomed.token })).status).toBe(200);
    await revokeApiKey({ ctx, input: { keyId: doomed.key.id } });
    expect((await call(`/worker/connections/${conn.externalId}`, { token: doomed.token })).status).toBe(401);

    const writer = await key(ctx, ["flows:write"]);
    const res = await call(`/worker/connections/${conn.externalId}`, { token: writer });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toBe("insufficient_scope");
  });

  it("a cached key stops working once the cache time has passed after revocation", async () => {
    let now = 1_000_000;
    const cached = createEngineApp({ db: tdb.db, tokenCacheMs: 5_000, now: () => now });
    const doomed = await createApiKey({ ctx, input: { name: "cached", scopes: ["connections:read"] } });
    const get = () => call(`/worker/connections/${conn.externalId}`, { token: doomed.token }, cached);
    expect((await get()).status).toBe(200);
    await revokeApiKey({ ctx, input: { keyId: doomed.key.id } });
    now += 4_000;
    expect((await get()).status).toBe(200);
    now += 1_001;
    expect((await get()).status).toBe(401);
    await cached.usage.idle();
  });
});

describe("engine API: POST /worker/resolve", () => {
  it("replaces references anywhere in nested JSON, whole values and inside text", async () => {
    const basic = await createKeyConnection(ctx, "Second key");
    const secondSecret = (await (await call(`/worker/connections/${basic.externalId}`)).json()).value.secret_text as string;
    const input = {
      model: "gpt",
      count: 3,
      flags: [true, null],
      auth: `{{connections['${conn.externalId}']}}`,
      headers: { Authorization: `Bearer {{connections['${conn.externalId}'].secret_text}}` },
      steps: [{ nested: { deeper: [`{{ connections["${basic.externalId}"].secret_text }}`, "plain {{not a ref}}"] } }],
    };
    const res = await call("/worker/resolve", { method: "POST", body: JSON.stringify({ input }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      output: {
        model: "gpt",
        count: 3,
        flags: [true, null],
        auth: { type: "SECRET_TEXT", secret_text: secret },
        headers: { Authorization: `Bearer ${secret}` },
        steps: [{ nested: { deeper: [secondSecret, "plain {{not a ref}}"] } }],
      },
    });
  });

  it("names the first reference that failed", async () => {
    const broken = await createKeyConnection(ctx, "Resolve broken");
    await tdb.db.execute(sql`update connections set status = 'ERROR', status_reason = 'expired' where id = ${broken.id}`);
    const body = (input: unknown) => ({ method: "POST", body: JSON.stringify({ input }) });

    const missing = await call(
      "/worker/resolve",
      body({ a: `{{connections['${conn.externalId}']}}`, b: ["{{connections['ghost']}}"], c: `{{connections['${broken.externalId}']}}` }),
    );
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: "connection_not_found", reference: "{{connections['ghost']}}", externalId: "ghost" });

    const errored = await call("/worker/resolve", body([`{{connections['${broken.externalId}']}}`, "{{connections['ghost']}}"]));
    expect(errored.status).toBe(409);
    expect(await errored.json()).toMatchObject({ error: "connection_error", reference: `{{connections['${broken.externalId}']}}` });

    const badPath = await call("/worker/resolve", body(`{{connections['${conn.externalId}'].nope}}`));
    expect(badPath.status).toBe(422);
    expect(await badPath.json()).toMatchObject({ error: "reference_path_not_found" });

    for (const raw of ["not json", JSON.stringify({ notInput: 1 })]) {
      const res = await fx.engine.app.request("/api/v1/worker/resolve", {
        method: "POST",
        headers: { authorization: `Bearer ${readKey}`, "content-type": "application/json" },
        body: raw,
      });
      expect(res.status).toBe(400);
    }
  });
});
