import { userPrincipal } from "@/server/authz/principal";
import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import type { ProjectCtx } from "@/server/context";
import { findConnectionOrThrow } from "@/server/connections/find";
import { completeAuthorization } from "@/server/oauth/authorize/complete-authorization";
import { runDueRefreshes } from "@/server/oauth/refresh/scheduler";
import { startAuthorization } from "@/server/oauth/authorize/start-authorization";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { createUser, projectWithMember } from "../support/factories";
import {
  CLIENTS,
  connectThroughProvider,
  customAppProps,
  makeDue,
  oauthValueOf,
  startTestProvider,
  stopTestProvider,
  TEST_PIECE,
  type OAuthTestProvider,
} from "../support/oauth";
import { authorizeAtProvider } from "../support/oauth-browser";
import { openPicker } from "../support/picker";
import { rows } from "../support/sql";

let tdb: TestDatabase;
let provider: OAuthTestProvider;
let ctx: ProjectCtx;
let user: { id: string; email: string; name: string; isPlatformAdmin: boolean };

beforeAll(async () => {
  tdb = await createTestDatabase();
  provider = await startTestProvider();
  ({ ctx, user } = await projectWithMember(tdb.db, "EDITOR"));
});
afterAll(async () => {
  await stopTestProvider(provider);
  await tdb?.dispose();
});

const name = (label: string) => `${label} ${Math.random().toString(36).slice(2, 8)}`;

describe(`Admin → OAuth apps (${databaseLabel()})`, () => {
  it("is for platform admins only, seals the secret and only ever shows a masked hint", async () => {
    const nonAdmin = createCaller({ db: tdb.db, user });
    await expect(nonAdmin.oauthApp.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(nonAdmin.oauthApp.set({ pieceName: TEST_PIECE, clientId: "x", clientSecret: "y" })).rejects.toBeInstanceOf(TRPCError);
    await expect(nonAdmin.oauthApp.remove({ pieceName: TEST_PIECE })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const admin = await createUser(tdb.db, { admin: true });
    const api = createCaller({ db: tdb.db, user: { ...admin, isPlatformAdmin: true }, requestOrigin: "http://ignored.test" });
    const before = await api.oauthApp.list();
    expect(before.redirectUri).toBe(provider.redirectUri);
    expect(before.apps.find((a) => a.pieceName === TEST_PIECE)).toMatchObject({ source: "default", clientId: CLIENTS.default.id, hasDefault: true });
    expect(before.apps.find((a) => a.pieceName === "gmail")).toMatchObject({ source: "none", clientId: null, secretHint: null });
    expect(before.apps.map((a) => a.pieceName)).not.toContain("oauth2-custom");

    const secret = "admin-set-secret-value-0123456789";
    await api.oauthApp.set({ pieceName: "gmail", clientId: "gmail-client.apps.example", clientSecret: secret });
    const after = await api.oauthApp.list();
    const gmail = after.apps.find((a) => a.pieceName === "gmail")!;
    expect(gmail).toMatchObject({ source: "admin", clientId: "gmail-client.apps.example", updatedBy: admin.email });
    expect(gmail.secretHint).not.toContain(secret.slice(4, -4));
    expect(JSON.stringify(after)).not.toContain(secret);
    const [row] = await rows<{ client_secret: string }>(tdb.db, sql`select client_secret from oauth_apps where piece_name = 'gmail'`);
    expect(row!.client_secret).not.toContain(secret);

    await expect(api.oauthApp.set({ pieceName: "oauth2-custom", clientId: "x", clientSecret: "y" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await api.oauthApp.remove({ pieceName: "gmail" });
    expect((await api.oauthApp.list()).apps.find((a) => a.pieceName === "gmail")).toMatchObject({ source: "none" });
    await expect(api.oauthApp.remove({ pieceName: "gmail" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("records who set up, replaced and removed an app, for platform admins only, in no project's log and without the secret", async () => {
    const admin = await createUser(tdb.db, { admin: true });
    const api = createCaller({ db: tdb.db, user: { ...admin, isPlatformAdmin: true } });
    const mine = (events: Awaited<ReturnType<typeof api.oauthApp.events>>) => events.filter((e) => e.actorLabel === admin.email);
    const secrets = ["first-secret-value-0123456789", "second-secret-value-0123456789", "third-secret-value-0123456789"];
    await api.oauthApp.set({ pieceName: "hubspot", clientId: "hub-1", clientSecret: secrets[0]! });
    await api.oauthApp.set({ pieceName: "hubspot", clientId: "hub-1", clientSecret: secrets[1]! });
    await api.oauthApp.set({ pieceName: "hubspot", clientId: "hub-2", clientSecret: secrets[2]! });
    await api.oauthApp.remove({ pieceName: "hubspot" });
    await expect(api.oauthApp.remove({ pieceName: "hubspot" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(api.oauthApp.set({ pieceName: "oauth2-custom", clientId: "x", clientSecret: "y" })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const events = mine(await api.oauthApp.events());
    expect(events.map((e) => [e.action, e.details])).toEqual([
      ["oauth_app.removed", { pieceName: "hubspot", appName: "HubSpot", clientId: "hub-2", fallsBackToDefault: false }],
      ["oauth_app.configured", { pieceName: "hubspot", appName: "HubSpot", clientId: "hub-2", replaced: true, clientIdChanged: true }],
      ["oauth_app.configured", { pieceName: "hubspot", appName: "HubSpot", clientId: "hub-1", replaced: true, clientIdChanged: false }],
      ["oauth_app.configured", { pieceName: "hubspot", appName: "HubSpot", clientId: "hub-1", replaced: false, clientIdChanged: null }],
    ]);
    expect(events.every((e) => e.actorType === "USER")).toBe(true);

    const nonAdmin = createCaller({ db: tdb.db, user });
    await expect(nonAdmin.oauthApp.events()).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await nonAdmin.audit.list({ projectId: ctx.projectId })).items.filter((e) => e.action.startsWith("oauth_app."))).toEqual([]);
    for (const secret of secrets) {
      const [found] = await rows<{ n: number }>(
        tdb.db,
        sql`select count(*)::int as n from audit_events where details::text like ${`%${secret.slice(0, 12)}%`}`,
      );
      expect(found!.n).toBe(0);
    }
  });
});

describe(`generic OAuth2 apps and the redirect fallback (${databaseLabel()})`, () => {
  it("authorizes a custom app with its own endpoints and client, and reconnect keeps the secret left blank", async () => {
    const row = await connectThroughProvider(provider, ctx, user, { pieceName: "oauth2-custom", displayName: name("Custom"), props: customAppProps(provider) });
    const value = oauthValueOf(row);
    expect(value).toMatchObject({ client_id: CLIENTS.custom.id, scope: "read write", props: { clientSecret: CLIENTS.custom.secret } });
    expect(row.valueHints.clientSecret).not.toBe(CLIENTS.custom.secret);

    const again = await connectThroughProvider(provider, ctx, user, { connectionId: row.id, props: customAppProps(provider, { clientSecret: "" }) });
    expect(oauthValueOf(again).props?.clientSecret).toBe(CLIENTS.custom.secret);

    await expect(startAuthorization({ ctx, input: { pieceName: "oauth2-custom", displayName: name("Bad"), props: { clientId: "x" } } })).rejects.toMatchObject({
      fieldErrors: { "props.authUrl": "Authorization URL is required" },
    });
  });

  it("a custom app whose popup was closed keeps what was entered: hints for Reconnect, and the secret if left blank", async () => {
    const started = await startAuthorization({ ctx, input: { pieceName: "oauth2-custom", displayName: name("Closed"), props: customAppProps(provider) } });
    const pending = await findConnectionOrThrow(tdb.db, ctx.projectId, started.connection.id);
    expect(pending).toMatchObject({ status: "MISSING", value: null });
    expect(pending.valueHints).toMatchObject({
      authUrl: `${provider.issuer}/auth`,
      tokenUrl: `${provider.issuer}/token`,
      clientId: CLIENTS.custom.id,
      scopes: "read write",
    });
    expect(pending.valueHints.clientSecret).not.toContain(CLIENTS.custom.secret);
    expect(JSON.stringify(started.connection)).not.toContain(CLIENTS.custom.secret);

    // Reconnect with the secret left blank and another scope: the secret entered before is used.
    const again = await connectThroughProvider(provider, ctx, user, {
      connectionId: pending.id,
      props: customAppProps(provider, { clientSecret: "", scopes: "read" }),
    });
    expect(again.status).toBe("ACTIVE");
    expect(oauthValueOf(again)).toMatchObject({ scope: "read", props: { clientSecret: CLIENTS.custom.secret, scopes: "read" } });
  });

  it("connects a client-credentials app at once, refreshes it by asking again, and saves nothing when refused", async () => {
    const props = { tokenUrl: `${provider.issuer}/token`, clientId: CLIENTS.machine.id, clientSecret: CLIENTS.machine.secret, scopes: "read" };
    const started = await startAuthorization({ ctx, input: { pieceName: "oauth2-client-credentials", displayName: name("Machine"), props } });
    expect(started.authorizeUrl).toBeNull();
    expect(started.connection).toMatchObject({ status: "ACTIVE", type: "OAUTH2" });
    const row = await findConnectionOrThrow(tdb.db, ctx.projectId, started.connection.id);
    expect(oauthValueOf(row)).toMatchObject({ scope: "read", client_id: CLIENTS.machine.id });
    expect(oauthValueOf(row).refresh_token).toBeUndefined();

    await tdb.db.execute(sql`update connections set refresh_at = now() + interval '1 day' where id <> ${row.id} and refresh_at is not null`);
    await makeDue(tdb.db, row.id);
    expect(await runDueRefreshes(tdb.db)).toMatchObject({ refreshed: 1 });
    expect(provider.tokenRequests.filter((r) => r.grantType === "client_credentials" && r.status === 200)).toHaveLength(2);
    expect(oauthValueOf(await findConnectionOrThrow(tdb.db, ctx.projectId, row.id)).access_token).not.toBe(oauthValueOf(row).access_token);

    const displayName = name("Refused");
    await expect(
      startAuthorization({ ctx, input: { pieceName: "oauth2-client-credentials", displayName, props: { ...props, clientSecret: "wrong" } } }),
    ).rejects.toThrow(/refused the client credentials \(invalid_client/);
    expect(await rows(tdb.db, sql`select id from connections where display_name = ${displayName}`)).toHaveLength(0);
  });

  it("remembers the redirect mode and where to return to", async () => {
    const started = await startAuthorization({
      ctx,
      input: { pieceName: TEST_PIECE, displayName: name("Blocked popup"), mode: "redirect", returnTo: "/p/x/connections?status=MISSING" },
    });
    await expect(startAuthorization({ ctx, input: { pieceName: TEST_PIECE, displayName: "x", returnTo: "//evil.test/" } })).rejects.toThrow(/path in this app/);
    const callback = await authorizeAtProvider(started.authorizeUrl!, provider.redirectUri, { username: "ada", password: "ada-password" });
    const outcome = await completeAuthorization({ ctx: { db: tdb.db, principal: userPrincipal(user) }, input: { params: callback.searchParams } });
    expect(outcome).toMatchObject({ ok: true, mode: "redirect", returnTo: "/p/x/connections?status=MISSING", connectionId: started.connection.id });
  });

  it("completes through the opener's own sign-in when the popup has none (the embedded picker), for its project only", async () => {
    const embedded = (await openPicker(tdb.db, ctx.projectId, user.email)).api;
    const started = await embedded.oauth.start({ projectId: ctx.projectId, pieceName: TEST_PIECE, displayName: name("Embedded") });
    const callback = await authorizeAtProvider(started.authorizeUrl!, provider.redirectUri, { username: "ada", password: "ada-password" });

    const elsewhere = await projectWithMember(tdb.db, "ADMIN");
    const stranger = (await openPicker(tdb.db, elsewhere.ctx.projectId, elsewhere.user.email)).api;
    expect(await stranger.oauth.complete({ projectId: elsewhere.ctx.projectId, query: callback.search })).toMatchObject({ ok: false });
    await expect(embedded.oauth.complete({ projectId: elsewhere.ctx.projectId, query: callback.search })).rejects.toMatchObject({ code: "NOT_FOUND" });

    expect(await embedded.oauth.complete({ projectId: ctx.projectId, query: callback.search })).toMatchObject({
      ok: true,
      connectionId: started.connection.id,
    });
    expect(await findConnectionOrThrow(tdb.db, ctx.projectId, started.connection.id)).toMatchObject({ status: "ACTIVE" });
  });

  it("stores no token, code or secret in plaintext in any table", async () => {
    const row = await connectThroughProvider(provider, ctx, user, { pieceName: "oauth2-custom", displayName: name("Scan"), props: customAppProps(provider) });
    const value = oauthValueOf(row);
    const secrets = [value.access_token, value.refresh_token!, CLIENTS.custom.secret, CLIENTS.default.secret];
    const tables = await rows<{ table_name: string }>(tdb.db, sql`select table_name from information_schema.tables where table_schema = 'public'`);
    expect(tables.length).toBeGreaterThan(5);
    for (const { table_name } of tables) {
      const dump = JSON.stringify(await rows(tdb.db, sql.raw(`select * from "${table_name}"`)));
      for (const secret of secrets) expect(dump.includes(secret), `${table_name} holds a secret in plaintext`).toBe(false);
    }
  });
});
