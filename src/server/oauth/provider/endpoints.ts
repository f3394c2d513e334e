import * as oauth from "oauth4webapi";
import type { OAuthSettings } from "./settings";

/** What a token endpoint answered, as oauth4webapi validated it. */
export interface TokenSet {
  access_token: string;
  token_type: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
}

/** Longest wait for a token endpoint; refresh claims are sized from it. */
export const TOKEN_TIMEOUT_MS = 10_000;

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127\./.test(host);
}

/**
 * Providers differ in small ways that would make a valid answer fail validation; these
 * adjustments apply to token responses only:
 * - an ID token is dropped: connections never use one, and its issuer cannot be checked without
 *   the provider's discovery document, which catalogue apps do not have;
 * - token types other than "dpop" are bearer tokens (some providers say "bot" or "user");
 * - an error in a 200 answer (some providers do that) becomes a 400 so it is read as an error.
 */
async function tokenFetch(url: string, init: RequestInit): Promise<Response> {
  const res = await fetch(url, init);
  if (res.status !== 200 || !(res.headers.get("content-type") ?? "").includes("json")) return res;
  const body = (await res.json()) as Record<string, unknown>;
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  headers.delete("content-encoding");
  if (typeof body.error === "string" && typeof body.access_token !== "string") {
    return new Response(JSON.stringify(body), { status: 400, headers });
  }
  delete body.id_token;
  if (typeof body.token_type !== "string" || !/^(bearer|dpop)$/i.test(body.token_type)) body.token_type = "bearer";
  return new Response(JSON.stringify(body), { status: 200, headers });
}

function requestOptions(url: string) {
  return {
    signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    // Plain HTTP is only ever allowed to this machine (local providers in development and tests).
    [oauth.allowInsecureRequests]: isLoopback(url),
    [oauth.customFetch]: tokenFetch,
  };
}

export function authorizationServer(s: Pick<OAuthSettings, "authUrl" | "tokenUrl">): oauth.AuthorizationServer {
  // Without discovery the issuer is taken to be the authorize endpoint's origin; it is only
  // compared with an `iss` the provider adds to its redirect (RFC 9207), which uses that origin.
  return {
    issuer: new URL(s.authUrl ?? s.tokenUrl).origin,
    authorization_endpoint: s.authUrl ?? undefined,
    token_endpoint: s.tokenUrl,
  };
}

function clientOf(s: OAuthSettings): oauth.Client {
  return { client_id: s.client.clientId };
}

function clientAuthOf(s: OAuthSettings): oauth.ClientAuth {
  return s.client.clientSecret ? oauth.ClientSecretBasic(s.client.clientSecret) : oauth.None();
}

function tokenSet(t: oauth.TokenEndpointResponse): TokenSet {
  return {
    access_token: t.access_token,
    token_type: t.token_type,
    ...(t.expires_in !== undefined ? { expires_in: t.expires_in } : {}),
    ...(t.refresh_token ? { refresh_token: t.refresh_token } : {}),
    ...(t.scope ? { scope: t.scope } : {}),
  };
}

/** Checks the redirect's state (and issuer), then exchanges the code with the PKCE verifier and the client secret. */
export async function exchangeAuthorizationCode(
  s: OAuthSettings,
  input: { callback: URLSearchParams; expectedState: string; redirectUri: string; codeVerifier: string | null },
): Promise<TokenSet> {
  const as = authorizationServer(s);
  const params = oauth.validateAuthResponse(as, clientOf(s), input.callback, input.expectedState);
  const res = await oauth.authorizationCodeGrantRequest(
    as,
    clientOf(s),
    clientAuthOf(s),
    params,
    input.redirectUri,
    input.codeVerifier ?? oauth.nopkce,
    requestOptions(s.tokenUrl),
  );
  return tokenSet(await oauth.processAuthorizationCodeResponse(as, clientOf(s), res));
}

export async function refreshAccessToken(s: OAuthSettings, refreshToken: string): Promise<TokenSet> {
  const as = authorizationServer(s);
  const res = await oauth.refreshTokenGrantRequest(as, clientOf(s), clientAuthOf(s), refreshToken, requestOptions(s.tokenUrl));
  return tokenSet(await oauth.processRefreshTokenResponse(as, clientOf(s), res));
}

export async function requestClientCredentialsToken(s: OAuthSettings): Promise<TokenSet> {
  const as = authorizationServer(s);
  const params: Record<string, string> = s.scopes.length ? { scope: s.scopes.join(" ") } : {};
  const res = await oauth.clientCredentialsGrantRequest(as, clientOf(s), clientAuthOf(s), params, requestOptions(s.tokenUrl));
  return tokenSet(await oauth.processClientCredentialsResponse(as, clientOf(s), res));
}

/** The provider's authorize URL for a user to consent at, with PKCE (S256) when the app supports it. */
export async function buildAuthorizeUrl(s: OAuthSettings, input: { state: string; redirectUri: string; codeVerifier: string | null }): Promise<string> {
  if (!s.authUrl) throw new Error("buildAuthorizeUrl: this app has no authorization endpoint");
  const url = new URL(s.authUrl);
  const params = new URLSearchParams({
    ...s.extraAuthParams,
    response_type: "code",
    client_id: s.client.clientId,
    redirect_uri: input.redirectUri,
    state: input.state,
  });
  if (s.scopes.length) params.set("scope", s.scopes.join(" "));
  if (input.codeVerifier) {
    params.set("code_challenge", await oauth.calculatePKCECodeChallenge(input.codeVerifier));
    params.set("code_challenge_method", "S256");
  }
  for (const [k, v] of params) url.searchParams.set(k, v);
  return url.toString();
}

export const generateState = oauth.generateRandomState;
export const generateCodeVerifier = oauth.generateRandomCodeVerifier;
