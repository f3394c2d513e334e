import { userPrincipal } from "@/server/authz/principal";
import { sql } from "drizzle-orm";
import * as oauth from "oauth4webapi";
import { resetEnvCache } from "@/env";
import type { OAuth2Value } from "@/pieces/value-schema";
import type { ProjectCtx } from "@/server/context";
import { findConnectionOrThrow } from "@/server/connections/find";
import { openConnectionValue } from "@/server/connections/open-value";
import type { Db } from "@/server/db/types";
import { completeAuthorization } from "@/server/oauth/authorize/complete-authorization";
import { oauthRedirectUri } from "@/server/oauth/authorize/redirect-uri";
import { startAuthorization } from "@/server/oauth/authorize/start-authorization";
import { authorizeAtProvider, type ProviderLogin } from "./oauth-browser";
import { startOidcServer, type OidcServer, type OidcServerOptions } from "./oidc-server";

/** The catalogue app pointed at the local provider through OAUTH_ENDPOINTS (its sandbox use case). */
export const TEST_PIECE = "salesforce";
export const TEST_SCOPES = ["api", "refresh_token"];
export const ACCOUNT = { username: "ada", password: "ada-password", email: "ada@example.test" };
export const LOGIN: ProviderLogin = { username: ACCOUNT.username, password: ACCOUNT.password };
export const CLIENTS = {
  default: { id: "cm-default", secret: "default-client-secret-123" },
  admin: { id: "cm-admin", secret: "admin-client-secret-456" },
  custom: { id: "cm-custom", secret: "custom-client-secret-789" },
  machine: { id: "cm-machine", secret: "machine-client-secret-000" },
};
const APP_URL = "http://localhost:3999";

export interface OAuthTestProvider extends OidcServer {
  redirectUri: string;
  refreshGrants: () => number;
}

/**
 * Starts the real local OAuth server with this app's test clients, and points the app at it:
 * APP_URL, OAUTH_ENDPOINTS for the test app, and a default OAuth app in OAUTH_DEFAULT_APPS.
 */
export async function startTestProvider(opts: Partial<OidcServerOptions> = {}): Promise<OAuthTestProvider> {
  process.env.APP_URL = APP_URL;
  resetEnvCache();
  const redirectUri = oauthRedirectUri(null);
  const codeClient = (c: { id: string; secret: string }) => ({
    client_id: c.id,
    client_secret: c.secret,
    redirect_uris: [redirectUri],
    grant_types: ["authorization_code", "refresh_token"],
    scope: [...TEST_SCOPES, "read", "write"].join(" "),
  });
  const server = await startOidcServer({
    clients: [
      codeClient(CLIENTS.default),
      codeClient(CLIENTS.admin),
      codeClient(CLIENTS.custom),
      {
        client_id: CLIENTS.machine.id,
        client_secret: CLIENTS.machine.secret,
        grant_types: ["client_credentials"],
        redirect_uris: [],
        response_types: [],
        scope: "read write",
      },
    ],
    accounts: [ACCOUNT],
    rotateRefreshTokens: true,
    scopes: [...TEST_SCOPES, "read", "write"],
    ...opts,
  });
  process.env.OAUTH_ENDPOINTS = JSON.stringify({ [TEST_PIECE]: { authUrl: `${server.issuer}/auth`, tokenUrl: `${server.issuer}/token` } });
  process.env.OAUTH_DEFAULT_APPS = JSON.stringify({ [TEST_PIECE]: { clientId: CLIENTS.default.id, clientSecret: CLIENTS.default.secret } });
  resetEnvCache();
  const refreshGrants = () => server.tokenRequests.filter((r) => r.grantType === "refresh_token" && r.status === 200).length;
  return { ...server, redirectUri, refreshGrants };
}

export function stopTestProvider(provider: OidcServer | undefined) {
  delete process.env.OAUTH_ENDPOINTS;
  delete process.env.OAUTH_DEFAULT_APPS;
  delete process.env.APP_URL;
  resetEnvCache();
  return provider?.close();
}

export function customAppProps(provider: OidcServer, overrides: Record<string, string> = {}) {
  return {
    authUrl: `${provider.issuer}/auth`,
    tokenUrl: `${provider.issuer}/token`,
    clientId: CLIENTS.custom.id,
    clientSecret: CLIENTS.custom.secret,
    scopes: "read write",
    ...overrides,
  };
}

type StartInput = { pieceName?: string; displayName?: string; connectionId?: string; props?: Record<string, unknown> };

/** Start → the provider's login and consent pages → the callback URL (not yet completed). */
export async function authorizeUntilCallback(provider: OAuthTestProvider, ctx: ProjectCtx, input: StartInput, login: ProviderLogin = LOGIN) {
  const started = await startAuthorization({ ctx, input: { pieceName: TEST_PIECE, ...input } });
  const callback = await authorizeAtProvider(started.authorizeUrl!, provider.redirectUri, login);
  return { started, callback, params: callback.searchParams };
}

/** The whole popup journey without a browser: start, log in and allow, then the callback. */
export async function connectThroughProvider(provider: OAuthTestProvider, ctx: ProjectCtx, user: { id: string; email: string }, input: StartInput) {
  const { started, params } = await authorizeUntilCallback(provider, ctx, input);
  const outcome = await completeAuthorization({
    ctx: { db: ctx.db, principal: userPrincipal({ name: "", isPlatformAdmin: false, ...user }) },
    input: { params },
  });
  if (!outcome.ok) throw new Error(`authorization failed: ${outcome.error}`);
  return findConnectionOrThrow(ctx.db, ctx.projectId, started.connection.id);
}

export function oauthValueOf(row: Parameters<typeof openConnectionValue>[0]): OAuth2Value {
  const value = openConnectionValue(row);
  if (value?.type !== "OAUTH2") throw new Error("not an OAuth2 value");
  return value;
}

/** Makes a connection's refresh due now, as if its token were about to expire. */
export async function makeDue(db: Db, connectionId: string, expiresInMs = 60_000) {
  await db.execute(
    sql`update connections set token_expires_at = now() + ${`${expiresInMs} milliseconds`}::interval, refresh_at = now() - interval '1 second' where id = ${connectionId}`,
  );
}

/** Revokes a token at the provider, so its next use answers invalid_grant. */
export async function revokeAtProvider(provider: OidcServer, token: string, client = CLIENTS.default) {
  const as: oauth.AuthorizationServer = { issuer: provider.issuer, revocation_endpoint: `${provider.issuer}/token/revocation` };
  const res = await oauth.revocationRequest(as, { client_id: client.id }, oauth.ClientSecretBasic(client.secret), token, {
    [oauth.allowInsecureRequests]: true,
  });
  await oauth.processRevocationResponse(res);
}
