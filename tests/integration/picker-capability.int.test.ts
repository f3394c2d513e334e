import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/server/api-tokens/create-api-key";
import { revokeApiKey } from "@/server/api-tokens/revoke-api-key";
import { pickerPrincipal } from "@/server/authz/picker-session";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { principalFromRequest } from "@/server/authz/who-is-asking";
import { createEngineApp } from "@/server/http/engine-app";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { addMembership, createUser, projectWithMember } from "../support/factories";
import { fakeKey } from "../support/flows";
import { embedKey, openPicker } from "../support/picker";
import { rows } from "../support/sql";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.dispose();
});

const count = async (table: string, projectId: string) =>
  (await rows<{ n: number }>(tdb.db, sql`select count(*)::int as n from ${sql.identifier(table)} where project_id = ${projectId}`))[0]!.n;

describe(`the picker's capability (${databaseLabel()})`, () => {
  it("opened for a project admin, it creates, lists and reconnects connections, and the audit names the user and the key", async () => {
    const { project, user } = await projectWithMember(tdb.db, "ADMIN");
    const { api, key } = await openPicker(tdb.db, project.id, user.email);

    const created = await api.connection.create({
      projectId: project.id,
      pieceName: "openai",
      type: "SECRET_TEXT",
      displayName: "From the editor",
      credentials: { secret_text: fakeKey() },
    });
    const list = await api.connection.list({ projectId: project.id, pieces: ["openai"] });
    expect(list.items.map((c) => c.id)).toEqual([created.connection.id]);
    expect((await api.connection.get({ projectId: project.id, connectionId: created.connection.id })).displayName).toBe("From the editor");
    await api.connection.reconnect({ projectId: project.id, connectionId: created.connection.id, credentials: { secret_text: fakeKey() } });
    expect(await api.oauth.clientStatus({ projectId: project.id, pieceName: "gmail" })).toBeTruthy();

    const events = await rows<{ action: string; actor_id: string; actor_label: string; details: { via?: { apiKeyId: string; apiKeyName: string } } }>(
      tdb.db,
      sql`select action, actor_id, actor_label, details from audit_events where connection_id = ${created.connection.id} order by id`,
    );
    expect(events.map((e) => e.action)).toEqual(["connection.created", "connection.reconnected"]);
    for (const e of events) {
      expect(e.actor_id).toBe(user.id);
      expect(e.actor_label).toBe(`${user.email} (via picker session of key "Editor host")`);
      expect(e.details.via).toMatchObject({ apiKeyId: key.id, apiKeyName: "Editor host" });
    }
  });

  it("never acts as an admin: API keys, members, notifications and settings are refused, and nothing is written", async () => {
    const { project, user } = await projectWithMember(tdb.db, "ADMIN");
    const { api } = await openPicker(tdb.db, project.id, user.email);
    const keysBefore = await count("api_tokens", project.id);
    await expect(api.apiKey.create({ projectId: project.id, name: "exfiltrate", scopes: ["connections:read"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.apiKey.list({ projectId: project.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.member.add({ projectId: project.id, email: user.email, role: "ADMIN" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.notifications.update({ projectId: project.id, webhookUrl: "https://attacker.example/", emailAdmins: false })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(api.connection.update({ projectId: project.id, connectionId: "x", displayName: "y" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // It shows one app's connections at a time, never the whole project.
    await expect(api.connection.list({ projectId: project.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await count("api_tokens", project.id)).toBe(keysBefore);
    expect(await count("project_settings", project.id)).toBe(0);
  });

  it("ends when the API key that opened it is revoked, or the member leaves", async () => {
    const { project, user, ctx } = await projectWithMember(tdb.db, "ADMIN");
    const key = await embedKey(tdb.db, project.id);
    const { accessToken, api } = await openPicker(tdb.db, project.id, user.email, key);
    expect((await api.connection.list({ projectId: project.id, pieces: ["openai"] })).total).toBe(0);
    await revokeApiKey({ ctx, input: { keyId: key.id } });
    expect(await pickerPrincipal(tdb.db, accessToken)).toEqual({ kind: "anonymous" });

    const editor = await createUser(tdb.db);
    await addMembership(tdb.db, project.id, editor.id, "EDITOR");
    const second = await openPicker(tdb.db, project.id, editor.email);
    await tdb.db.execute(sql`delete from memberships where user_id = ${editor.id}`);
    await expect(second.api.connection.list({ projectId: project.id, pieces: ["openai"] })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe(`the picker over HTTP, with its bearer token (${databaseLabel()})`, () => {
  const call = (path: string, accessToken: string, input: unknown, method: "GET" | "POST") => {
    const url = new URL(`http://app.test/api/trpc/${path}`);
    if (method === "GET") url.searchParams.set("input", JSON.stringify({ json: input }));
    const req = new Request(url, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
      body: method === "POST" ? JSON.stringify({ json: input }) : undefined,
    });
    return fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      createContext: async () => ({ db: tdb.db, principal: await principalFromRequest(tdb.db, req) }),
    });
  };

  it("lists one app's connections, and cannot create an API key even for an admin", async () => {
    const { project, user } = await projectWithMember(tdb.db, "ADMIN");
    const { accessToken } = await openPicker(tdb.db, project.id, user.email);
    expect((await call("connection.list", accessToken, { projectId: project.id, pieces: ["openai"] }, "GET")).status).toBe(200);
    const keys = await count("api_tokens", project.id);
    const refused = await call("apiKey.create", accessToken, { projectId: project.id, name: "x", scopes: ["connections:read"] }, "POST");
    expect(refused.status).toBe(403);
    expect(await count("api_tokens", project.id)).toBe(keys);
    expect((await call("connection.list", `${accessToken}x`, { projectId: project.id, pieces: ["openai"] }, "GET")).status).toBe(401);
  });
});

describe(`POST /api/v1/embed/sessions for a viewer (${databaseLabel()})`, () => {
  it("is refused with 403 insufficient_role and issues nothing", async () => {
    const { project, ctx } = await projectWithMember(tdb.db, "ADMIN");
    const viewer = await createUser(tdb.db);
    await addMembership(tdb.db, project.id, viewer.id, "VIEWER");
    const { token } = await createApiKey({ ctx, input: { name: "Editor host", scopes: ["embed:sessions"] } });
    const engine = createEngineApp({ db: tdb.db, tokenCacheMs: 0 });
    const res = await engine.app.request("/api/v1/embed/sessions", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ userEmail: viewer.email }),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: "insufficient_role", message: expect.stringContaining("editor or admin") });
    expect(await count("embed_sessions", project.id)).toBe(0);
    await engine.usage.idle();
  });
});
