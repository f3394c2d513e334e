import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/server/api-tokens/create-api-key";
import { revokeApiKey } from "@/server/api-tokens/revoke-api-key";
import { createEngineApp } from "@/server/http/engine-app";
import { hashToken } from "@/server/crypto/hash";
import { apiTokens } from "@/server/db/schema";
import { signEmbedAccessToken, verifyEmbedAccessToken } from "@/server/embed/access-token";
import { createEmbedSession, exchangeEmbedToken } from "@/server/embed/sessions";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { addMembership, projectWithMember } from "../support/factories";
import { openPicker } from "../support/picker";
import { rows } from "../support/sql";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.dispose();
});

async function projectKey(projectId: string) {
  const [t] = await tdb.db
    .insert(apiTokens)
    .values({ projectId, name: "editor back end", tokenHash: hashToken(`k-${Math.random()}`), prefix: "cmk_test", scopes: ["embed:sessions"] })
    .returning();
  return { projectId, apiTokenId: t!.id };
}

describe(`embed sessions (${databaseLabel()})`, () => {
  it("issues a one-time token for a member, exchanged once for an access token bound to the project", async () => {
    const { project, user } = await projectWithMember(tdb.db, "EDITOR");
    const session = await createEmbedSession(tdb.db, await projectKey(project.id), { userEmail: user.email.toUpperCase() });
    expect(session.token).toMatch(/^embt_/);
    const [stored] = await tdb.db
      .execute(sql`select token_hash from embed_sessions`)
      .then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { token_hash: string }[]);
    expect(stored!.token_hash).not.toContain(session.token);

    const access = await exchangeEmbedToken(tdb.db, session.token);
    expect(verifyEmbedAccessToken(access.accessToken)).toMatchObject({ uid: user.id, pid: project.id });
    await expect(exchangeEmbedToken(tdb.db, session.token)).rejects.toThrow("already used");
  });

  it("refuses expired, forged and unknown tokens with a clear message", async () => {
    const { project, user } = await projectWithMember(tdb.db, "EDITOR");
    const session = await createEmbedSession(tdb.db, await projectKey(project.id), { userEmail: user.email, ttlSeconds: 30 });
    await tdb.db.execute(sql`update embed_sessions set expires_at = now() - interval '1 second' where token_hash = ${hashToken(session.token)}`);
    await expect(exchangeEmbedToken(tdb.db, session.token)).rejects.toThrow("expired");
    await expect(exchangeEmbedToken(tdb.db, "embt_forged")).rejects.toThrow("not valid");
    await expect(exchangeEmbedToken(tdb.db, 42)).rejects.toThrow("not valid");
    const forged = signEmbedAccessToken({ uid: user.id, pid: project.id, kid: "k", exp: Math.floor(Date.now() / 1000) + 60 }).slice(0, -2) + "xx";
    expect(verifyEmbedAccessToken(forged)).toBeNull();
    expect(verifyEmbedAccessToken(signEmbedAccessToken({ uid: user.id, pid: project.id, kid: "k", exp: Math.floor(Date.now() / 1000) - 1 }))).toBeNull();
  });

  it("a project's key cannot open a session for someone who is not a member of that project", async () => {
    const a = await projectWithMember(tdb.db, "ADMIN");
    const b = await projectWithMember(tdb.db, "ADMIN");
    await expect(createEmbedSession(tdb.db, await projectKey(a.project.id), { userEmail: b.user.email })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createEmbedSession(tdb.db, await projectKey(a.project.id), { userEmail: "not-an-email" })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("an embed access token reaches only its own project, and no account-wide procedure", async () => {
    const { project, user } = await projectWithMember(tdb.db, "EDITOR");
    const other = await projectWithMember(tdb.db, "ADMIN");
    await addMembership(tdb.db, other.project.id, user.id, "ADMIN");
    const { api } = await openPicker(tdb.db, project.id, user.email);
    expect((await api.connection.list({ projectId: project.id, pieces: ["openai"] })).total).toBe(0);
    await expect(api.connection.list({ projectId: other.project.id, pieces: ["openai"] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(api.project.listMine()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.admin.listUsers()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe(`POST /api/v1/embed/sessions (${databaseLabel()})`, () => {
  let engine: ReturnType<typeof createEngineApp>;
  beforeAll(() => {
    engine = createEngineApp({ db: tdb.db, tokenCacheMs: 0 });
  });
  afterAll(async () => {
    await engine?.usage.idle();
  });
  const post = (token: string | null, body: unknown, extraHeaders: Record<string, string> = {}) =>
    engine.app.request("/api/v1/embed/sessions", {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...extraHeaders },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const sessionCount = async (projectId: string) =>
    Number((await rows<{ n: number }>(tdb.db, sql`select count(*)::int as n from embed_sessions where project_id = ${projectId}`))[0]!.n);

  it("a key with the embed:sessions scope gets a one-time token for a member that opens the picker once", async () => {
    const { project, user, ctx } = await projectWithMember(tdb.db, "ADMIN");
    const { token: key } = await createApiKey({ ctx, input: { name: "editor", scopes: ["embed:sessions"] } });
    // No APP_URL in the tests: the picker's absolute URL is on the Host the editor's back end called.
    const res = await post(key, { userEmail: user.email, ttlSeconds: 60 }, { host: "cm.lan:8080" });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { token: string; expiresAt: string; projectId: string; pickerPath: string; pickerUrl: string };
    expect(body.projectId).toBe(project.id);
    expect(body.pickerPath).toBe(`/embed/connections?token=${body.token}`);
    expect(body.pickerUrl).toBe(`http://cm.lan:8080/embed/connections?token=${body.token}`);
    const ttl = new Date(body.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect((await exchangeEmbedToken(tdb.db, body.token)).projectId).toBe(project.id);
    await expect(exchangeEmbedToken(tdb.db, body.token)).rejects.toThrow("already used");
  });

  it("refuses a missing, wrong-scope or revoked key, another project's member and a bad body, issuing nothing", async () => {
    const { project, user, ctx } = await projectWithMember(tdb.db, "ADMIN");
    const other = await projectWithMember(tdb.db, "ADMIN");
    const readOnly = await createApiKey({ ctx, input: { name: "engine", scopes: ["connections:read"] } });
    const embedKey = await createApiKey({ ctx, input: { name: "editor", scopes: ["embed:sessions"] } });

    expect((await post(null, { userEmail: user.email })).status).toBe(401);
    expect((await post("cmk_forged", { userEmail: user.email })).status).toBe(401);
    const wrongScope = await post(readOnly.token, { userEmail: user.email });
    expect(wrongScope.status).toBe(403);
    expect(await wrongScope.json()).toMatchObject({ error: "insufficient_scope" });

    const stranger = await post(embedKey.token, { userEmail: other.user.email });
    expect(stranger.status).toBe(404);
    expect(await stranger.json()).toMatchObject({ error: "user_not_found" });
    const badEmail = await post(embedKey.token, { userEmail: "nobody" });
    expect(badEmail.status).toBe(400);
    expect(await badEmail.json()).toMatchObject({ error: "invalid_request", message: expect.stringContaining("userEmail") });
    expect((await post(embedKey.token, { userEmail: user.email, ttlSeconds: 3600 })).status).toBe(400);
    expect((await post(embedKey.token, "not json")).status).toBe(400);

    await revokeApiKey({ ctx, input: { keyId: embedKey.key.id } });
    expect((await post(embedKey.token, { userEmail: user.email })).status).toBe(401);
    expect(await sessionCount(project.id)).toBe(0);
    expect(await sessionCount(other.project.id)).toBe(0);
  });
});
