import { userPrincipal } from "@/server/authz/principal";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProjectCtx } from "@/server/context";
import { findConnectionOrThrow } from "@/server/connections/find";
import { oauthStates } from "@/server/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/server/errors";
import { removeOAuthApp } from "@/server/oauth/apps/remove-oauth-app";
import { setOAuthApp } from "@/server/oauth/apps/set-oauth-app";
import { getOAuthClientStatus } from "@/server/oauth/apps/client-status";
import { completeAuthorization } from "@/server/oauth/authorize/complete-authorization";
import { PENDING_REASON, startAuthorization } from "@/server/oauth/authorize/start-authorization";
import { hashState, openStatePayload, sealStatePayload } from "@/server/oauth/authorize/state";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { addMembership, createUser, projectWithMember, userActor } from "../support/factories";
import { authorizeAtProvider } from "../support/oauth-browser";
import {
  authorizeUntilCallback,
  CLIENTS,
  connectThroughProvider,
  LOGIN,
  oauthValueOf,
  startTestProvider,
  stopTestProvider,
  TEST_PIECE,
  type OAuthTestProvider,
} from "../support/oauth";
import { rows } from "../support/sql";

let tdb: TestDatabase;
let provider: OAuthTestProvider;
let ctx: ProjectCtx;
let user: { id: string; email: string };

beforeAll(async () => {
  tdb = await createTestDatabase();
  provider = await startTestProvider();
  ({ ctx, user } = await projectWithMember(tdb.db, "EDITOR"));
});
afterAll(async () => {
  await stopTestProvider(provider);
  await tdb?.dispose();
});

const complete = (params: URLSearchParams, as: { id: string; email: string } | null = user) =>
  completeAuthorization({ ctx: { db: tdb.db, principal: userPrincipal(as && { name: "", isPlatformAdmin: false, ...as }) }, input: { params } });
const name = (label: string) => `${label} ${Math.random().toString(36).slice(2, 8)}`;
const codeGrants = () => provider.tokenRequests.filter((r) => r.grantType === "authorization_code");
const actionsOf = async (id: string) =>
  (await rows<{ action: string }>(tdb.db, sql`select action from audit_events where connection_id = ${id} order by id`)).map((r) => r.action);

describe(`OAuth2 authorization code flow (${databaseLabel()})`, () => {
  it("creates the connection as Missing, then the popup's consent makes it Active with sealed tokens", async () => {
    const { started, params } = await authorizeUntilCallback(provider, ctx, { displayName: name("Sales org") });
    const url = new URL(started.authorizeUrl!);
    expect(url.origin).toBe(provider.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: CLIENTS.default.id,
      redirect_uri: provider.redirectUri,
      code_challenge_method: "S256",
      scope: "api refresh_token",
    });
    expect(url.searchParams.get("state")).toMatch(/^[\w-]{40,}$/);
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(started.connection).toMatchObject({ status: "MISSING", statusReason: PENDING_REASON, type: "OAUTH2" });

    const codesBefore = codeGrants().length;
    expect(await complete(params)).toMatchObject({ ok: true, connectionId: started.connection.id, mode: "popup" });
    expect(codeGrants().slice(codesBefore)).toEqual([expect.objectContaining({ status: 200, clientId: CLIENTS.default.id })]);

    const row = await findConnectionOrThrow(tdb.db, ctx.projectId, started.connection.id);
    expect(row).toMatchObject({ status: "ACTIVE", statusReason: null, refreshFailures: 0, refreshLeaseUntil: null });
    const value = oauthValueOf(row);
    expect(value).toMatchObject({ type: "OAUTH2", token_type: "bearer", client_id: CLIENTS.default.id, scope: "api refresh_token" });
    expect(value.refresh_token).toBeTruthy();
    expect(row.tokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(3_500_000);
    expect(row.refreshAt!.getTime()).toBeLessThanOrEqual(row.tokenExpiresAt!.getTime() - 300_000);
    expect(row.valueHints.access_token).not.toBe(value.access_token);
    expect(row.value).not.toContain(value.access_token);
    expect(await actionsOf(row.id)).toEqual(["connection.created", "connection.credentials_updated"]);
  });

  it("uses the admin's OAuth app before the server's default, and the default again once it is removed", async () => {
    const admin = await createUser(tdb.db, { admin: true });
    const adminCtx = { db: tdb.db, actor: userActor(admin) };
    await setOAuthApp({ ctx: adminCtx, input: { pieceName: TEST_PIECE, clientId: CLIENTS.admin.id, clientSecret: CLIENTS.admin.secret } });
    expect(await getOAuthClientStatus({ ctx, input: { pieceName: TEST_PIECE } })).toMatchObject({ ready: true, source: "admin" });

    const row = await connectThroughProvider(provider, ctx, user, { displayName: name("Admin app") });
    expect(oauthValueOf(row).client_id).toBe(CLIENTS.admin.id);
    expect(codeGrants().at(-1)).toMatchObject({ clientId: CLIENTS.admin.id, status: 200 });

    await removeOAuthApp({ ctx: adminCtx, input: { pieceName: TEST_PIECE } });
    const started = await startAuthorization({ ctx, input: { pieceName: TEST_PIECE, displayName: name("Default again") } });
    expect(new URL(started.authorizeUrl!).searchParams.get("client_id")).toBe(CLIENTS.default.id);
  });

  it("says an admin must configure an app that has no client, and creates nothing", async () => {
    expect(await getOAuthClientStatus({ ctx, input: { pieceName: "box" } })).toMatchObject({ ready: false, source: "none" });
    const displayName = name("Box");
    await expect(startAuthorization({ ctx, input: { pieceName: "box", displayName } })).rejects.toThrow(/a platform admin must set its Client ID/);
    expect(await rows(tdb.db, sql`select id from connections where display_name = ${displayName}`)).toHaveLength(0);
  });

  it("refuses a wrong PKCE verifier at the provider and stores no token", async () => {
    const { started, params } = await authorizeUntilCallback(provider, ctx, { displayName: name("PKCE") });
    const stateHash = hashState(params.get("state")!);
    const [state] = await tdb.db
      .select()
      .from(oauthStates)
      .where(sql`${oauthStates.stateHash} = ${stateHash}`);
    const payload = openStatePayload(stateHash, state!);
    const resealed = sealStatePayload(stateHash, { ...payload, codeVerifier: "x".repeat(43) + "wrongverifier" });
    await tdb.db
      .update(oauthStates)
      .set({ payload: resealed.ciphertext, keyId: resealed.keyId })
      .where(sql`${oauthStates.stateHash} = ${stateHash}`);

    const outcome = await complete(params);
    expect(outcome).toMatchObject({ ok: false, connectionId: started.connection.id });
    expect(outcome.error).toMatch(/refused the authorization code \(invalid_grant/);
    expect(codeGrants().at(-1)).toMatchObject({ status: 400 });
    const row = await findConnectionOrThrow(tdb.db, ctx.projectId, started.connection.id);
    expect(row).toMatchObject({ status: "MISSING", value: null });
    expect(row.statusReason).toContain("invalid_grant");
  });

  it("refuses a tampered state, a replayed one, an expired one and another user's", async () => {
    const tampered = await authorizeUntilCallback(provider, ctx, { displayName: name("Tampered") });
    const altered = new URLSearchParams(tampered.params);
    altered.set("state", `${altered.get("state")}x`);
    expect(await complete(altered)).toMatchObject({ ok: false, error: expect.stringMatching(/not recognised/) });
    expect(await findConnectionOrThrow(tdb.db, ctx.projectId, tampered.started.connection.id)).toMatchObject({
      status: "MISSING",
      statusReason: PENDING_REASON,
    });

    const other = await createUser(tdb.db);
    await addMembership(tdb.db, ctx.projectId, other.id, "EDITOR");
    expect(await complete(tampered.params, other)).toMatchObject({ ok: false, error: expect.stringMatching(/another account/) });
    expect(await complete(tampered.params, null)).toMatchObject({ ok: false, error: expect.stringMatching(/Sign in/) });
    // Neither consumed it: its own user still finishes.
    expect(await complete(tampered.params)).toMatchObject({ ok: true });

    const codesBefore = codeGrants().length;
    const replay = await complete(tampered.params);
    expect(replay).toMatchObject({ ok: false, error: expect.stringMatching(/already used/) });
    expect(codeGrants().length).toBe(codesBefore);
    expect(await findConnectionOrThrow(tdb.db, ctx.projectId, tampered.started.connection.id)).toMatchObject({ status: "ACTIVE" });

    const late = await authorizeUntilCallback(provider, ctx, { displayName: name("Late") });
    await tdb.db
      .update(oauthStates)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(sql`${oauthStates.connectionId} = ${late.started.connection.id}`);
    expect(await complete(late.params)).toMatchObject({ ok: false, error: expect.stringMatching(/expired/) });
    expect(await complete(late.params)).toMatchObject({ ok: false, error: expect.stringMatching(/already used/) });
    const row = await findConnectionOrThrow(tdb.db, ctx.projectId, late.started.connection.id);
    expect(row).toMatchObject({ status: "MISSING", value: null, statusReason: expect.stringMatching(/expired/) });
  });

  it("keeps the connection Missing with the reason when consent is denied", async () => {
    const started = await startAuthorization({ ctx, input: { pieceName: TEST_PIECE, displayName: name("Denied") } });
    const callback = await authorizeAtProvider(started.authorizeUrl!, provider.redirectUri, { ...LOGIN, decision: "deny" });
    expect(callback.searchParams.get("error")).toBe("access_denied");
    const outcome = await complete(callback.searchParams);
    expect(outcome).toMatchObject({ ok: false, error: "Access was denied at Salesforce: nothing was authorized." });
    const row = await findConnectionOrThrow(tdb.db, ctx.projectId, started.connection.id);
    expect(row).toMatchObject({ status: "MISSING", value: null, statusReason: expect.stringMatching(/^Access was denied/) });
  });

  it("reconnects the same connection (same externalId) and refuses other projects' connections and viewers", async () => {
    const first = await connectThroughProvider(provider, ctx, user, { displayName: name("Reconnect me") });
    await tdb.db.execute(sql`update connections set status = 'ERROR', status_reason = 'revoked', refresh_at = null where id = ${first.id}`);
    const again = await connectThroughProvider(provider, ctx, user, { connectionId: first.id });
    expect(again).toMatchObject({ id: first.id, externalId: first.externalId, status: "ACTIVE", statusReason: null });
    expect(oauthValueOf(again).access_token).not.toBe(oauthValueOf(first).access_token);
    expect((await actionsOf(first.id)).at(-1)).toBe("connection.reconnected");

    const elsewhere = await projectWithMember(tdb.db, "ADMIN");
    await expect(startAuthorization({ ctx: elsewhere.ctx, input: { connectionId: first.id } })).rejects.toBeInstanceOf(NotFoundError);
    const viewer = await projectWithMember(tdb.db, "VIEWER");
    await expect(startAuthorization({ ctx: viewer.ctx, input: { pieceName: TEST_PIECE, displayName: "x" } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(startAuthorization({ ctx, input: { pieceName: TEST_PIECE, displayName: first.displayName.toUpperCase() } })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(startAuthorization({ ctx, input: { pieceName: TEST_PIECE } })).rejects.toBeInstanceOf(ValidationError);
  });

  it("keeps state single-use under concurrent callbacks: one exchange, one success", async () => {
    const { started, params } = await authorizeUntilCallback(provider, ctx, { displayName: name("Double click") });
    const codesBefore = codeGrants().length;
    const outcomes = await Promise.all([complete(params), complete(params), complete(params)]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(codeGrants().length - codesBefore).toBe(1);
    expect(await findConnectionOrThrow(tdb.db, ctx.projectId, started.connection.id)).toMatchObject({ status: "ACTIVE" });
  });
});
