import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { hashToken } from "@/server/crypto/hash";
import { apiTokens } from "@/server/db/schema";
import { signEmbedAccessToken, verifyEmbedAccessToken } from "@/server/embed/access-token";
import { createEmbedSession, exchangeEmbedToken } from "@/server/embed/sessions";
import { getUserById } from "@/server/users/authenticate";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { addMembership, projectWithMember } from "../support/factories";

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
    .values({ projectId, name: "editor back end", tokenHash: hashToken(`k-${Math.random()}`), prefix: "cmk_test", scopes: ["embed"] })
    .returning();
  return { projectId, apiTokenId: t!.id };
}

describe(`embed sessions (${databaseLabel()})`, () => {
  it("issues a one-time token for a member, exchanged once for an access token bound to the project", async () => {
    const { project, user } = await projectWithMember(tdb.db, "EDITOR");
    const session = await createEmbedSession(tdb.db, await projectKey(project.id), { userEmail: user.email.toUpperCase() });
    expect(session.token).toMatch(/^embt_/);
    const [stored] = await tdb.db.execute(sql`select token_hash from embed_sessions`).then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { token_hash: string }[]);
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
    const forged = signEmbedAccessToken({ uid: user.id, pid: project.id, exp: Math.floor(Date.now() / 1000) + 60 }).slice(0, -2) + "xx";
    expect(verifyEmbedAccessToken(forged)).toBeNull();
    expect(verifyEmbedAccessToken(signEmbedAccessToken({ uid: user.id, pid: project.id, exp: Math.floor(Date.now() / 1000) - 1 }))).toBeNull();
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
    const sessionUser = (await getUserById(tdb.db, user.id))!;
    const api = createCaller({ db: tdb.db, user: sessionUser, embedProjectId: project.id });
    expect((await api.connection.list({ projectId: project.id })).total).toBe(0);
    await expect(api.connection.list({ projectId: other.project.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(api.project.listMine()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(api.admin.listUsers()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
