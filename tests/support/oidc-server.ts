/**
 * A real OpenID Connect / OAuth 2.0 authorization server for tests, built on `oidc-provider`.
 *
 * startOidcServer() listens on 127.0.0.1 (an ephemeral port unless `port` is given) over plain
 * HTTP and serves: authorization code flow (PKCE required by default), a browser login page
 * ("Username", "Password", "Sign in") and consent page ("Allow" / "Deny", where Deny ends the
 * flow with error=access_denied), ID tokens carrying the email/profile claims, userinfo, refresh
 * tokens for every client allowed the refresh_token grant (rotated when `rotateRefreshTokens`),
 * client_credentials, introspection and revocation. Clients authenticate with the method in
 * their metadata (client_secret_basic by default, or client_secret_post).
 *
 * Every token endpoint request is appended to `tokenRequests` so tests can count, for example,
 * refresh_token grants. `setTokenEndpointOutage` makes the token endpoint answer 500 or drop the
 * connection, to test retries; revoking a refresh token (POST /token/revocation) provokes
 * invalid_grant on its next use. Extra scope names (`scopes`) become grantable alongside openid/email/profile.
 */
import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createMemoryAdapter } from "./oidc-memory-adapter";
// @ts-expect-error -- oidc-provider ships no type declarations; the parts used are typed below.
import ProviderModule from "oidc-provider";

export interface OidcTestAccount {
  username: string;
  password: string;
  /** Subject identifier; defaults to the username. */
  sub?: string;
  email: string;
  email_verified?: boolean;
  name?: string;
}

/** Client metadata passed to the provider as is (snake_case, as registered). */
export interface OidcTestClient {
  client_id: string;
  client_secret?: string;
  redirect_uris?: string[];
  grant_types?: string[];
  response_types?: string[];
  scope?: string;
  token_endpoint_auth_method?: "client_secret_basic" | "client_secret_post" | "none";
  [key: string]: unknown;
}

export interface TokenRequestRecord {
  grantType: string;
  clientId?: string;
  /** HTTP status answered; 0 when the connection was dropped (simulated network outage). */
  status: number;
  at: Date;
  /** The grant the code or refresh token belongs to (one per authorized connection), when the provider found it. */
  grantId?: string;
  /** The OAuth error answered, e.g. invalid_grant for a refresh token used twice. */
  error?: string;
}

export interface OidcServerOptions {
  port?: number;
  clients: OidcTestClient[];
  accounts: OidcTestAccount[];
  /** Lifetimes in seconds, e.g. { AccessToken: 5 }. Unset ones use test-friendly defaults. */
  ttl?: Partial<Record<"AccessToken" | "ClientCredentials" | "RefreshToken" | "IdToken" | "Session" | "Grant", number>>;
  /** Access token lifetimes in seconds for some clients (by client_id), overriding ttl.AccessToken. */
  accessTokenTtlByClient?: Record<string, number>;
  rotateRefreshTokens?: boolean;
  /** Require PKCE for every authorization request (default true). */
  requirePkce?: boolean;
  /** Extra scope values the server accepts and grants, e.g. ["read", "write"]. */
  scopes?: string[];
}

/** How the token endpoint misbehaves: answer 500, or drop the connection without answering. */
export type TokenEndpointOutage = "http-500" | "network";

export interface OidcServer {
  issuer: string;
  port: number;
  tokenRequests: TokenRequestRecord[];
  /** Simulates an outage of the token endpoint (null: back to normal); other endpoints keep working. */
  setTokenEndpointOutage: (outage: TokenEndpointOutage | null) => void;
  /** Makes the token endpoint answer this many ms late (0: at once), like a slow provider. */
  setTokenEndpointDelay: (ms: number) => void;
  close: () => Promise<void>;
}

// The minimal shape of oidc-provider used here.
interface Interaction {
  uid: string;
  prompt: { name: string; details: Record<string, unknown> };
  params: Record<string, unknown>;
  session?: { accountId?: string };
  grantId?: string;
}
interface Grant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(resource: string, scope: string): void;
  save(): Promise<string>;
}
interface Provider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: object, opts?: object): Promise<void>;
  Grant: { new (init: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined> };
}
interface KoaContext {
  status: number;
  body?: unknown;
  oidc?: {
    route?: string;
    params?: Record<string, unknown>;
    client?: { clientId: string };
    entities?: { RefreshToken?: { grantId?: string }; AuthorizationCode?: { grantId?: string } };
  };
}
const OidcProvider = ProviderModule as new (issuer: string, config: object) => Provider;

const DAY = 24 * 60 * 60;

export async function startOidcServer(options: OidcServerOptions): Promise<OidcServer> {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new OidcProvider(issuer, providerConfig(options));
  const tokenRequests: TokenRequestRecord[] = [];
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route === "token") {
      tokenRequests.push({
        grantType: String(ctx.oidc.params?.grant_type ?? ""),
        clientId: ctx.oidc.client?.clientId,
        status: ctx.status,
        at: new Date(),
        grantId: ctx.oidc.entities?.RefreshToken?.grantId ?? ctx.oidc.entities?.AuthorizationCode?.grantId,
        error: ctx.status >= 400 ? String((ctx.body as { error?: unknown } | undefined)?.error ?? "") : undefined,
      });
    }
  });

  const providerHandler = provider.callback();
  let outage: TokenEndpointOutage | null = null;
  let delayMs = 0;
  handler = (req, res) => {
    const isToken = req.method === "POST" && new URL(req.url ?? "/", issuer).pathname === "/token";
    if (isToken && delayMs > 0 && !outage) {
      setTimeout(() => providerHandler(req, res), delayMs);
      return;
    }
    if (outage && isToken) {
      failTokenRequest(req, res, outage, tokenRequests);
      return;
    }
    if (req.url?.startsWith("/interaction/")) {
      handleInteraction(provider, options.accounts, req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain" });
        res.end(`interaction failed: ${err instanceof Error ? err.message : String(err)}`);
      });
      return;
    }
    providerHandler(req, res);
  };

  return {
    issuer,
    port,
    tokenRequests,
    setTokenEndpointOutage: (next) => {
      outage = next;
    },
    setTokenEndpointDelay: (ms) => {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function failTokenRequest(req: IncomingMessage, res: ServerResponse, outage: TokenEndpointOutage, log: TokenRequestRecord[]) {
  readForm(req)
    .then((form) => {
      const status = outage === "http-500" ? 500 : 0;
      log.push({ grantType: form.get("grant_type") ?? "", clientId: form.get("client_id") ?? undefined, status, at: new Date() });
      if (outage === "network") return void req.socket.destroy();
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: "server_error" }));
    })
    .catch(() => req.socket.destroy());
}

function providerConfig(options: OidcServerOptions): object {
  const { accounts, ttl = {} } = options;
  const jwk = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  return {
    adapter: createMemoryAdapter(),
    clients: options.clients,
    jwks: { keys: [{ ...jwk, use: "sig", alg: "RS256", kid: "test-key" }] },
    cookies: { keys: ["oidc-test-cookie-key"] },
    scopes: ["openid", "offline_access", ...(options.scopes ?? [])],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    responseTypes: ["code"],
    // ID tokens carry the scope's claims even when an access token is issued too.
    conformIdTokenClaims: false,
    pkce: { required: () => options.requirePkce ?? true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
    },
    clientBasedCORS: () => true,
    findAccount: (_ctx: unknown, sub: string) => {
      const account = accounts.find((a) => (a.sub ?? a.username) === sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: account.email,
          email_verified: account.email_verified ?? false,
          name: account.name ?? account.username,
        }),
      };
    },
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(grant: string): boolean }) => client.grantTypeAllowed("refresh_token"),
    rotateRefreshToken: () => options.rotateRefreshTokens === true,
    // Tokens outlive the browser session at the provider, like a real offline grant.
    expiresWithSession: () => false,
    ttl: {
      AccessToken: (_ctx: unknown, _token: unknown, client?: { clientId: string }) =>
        (client && options.accessTokenTtlByClient?.[client.clientId]) ?? ttl.AccessToken ?? 3600,
      ClientCredentials: ttl.ClientCredentials ?? ttl.AccessToken ?? 3600,
      RefreshToken: ttl.RefreshToken ?? 14 * DAY,
      IdToken: ttl.IdToken ?? 3600,
      Interaction: 3600,
      Session: ttl.Session ?? DAY,
      Grant: ttl.Grant ?? 14 * DAY,
    },
    renderError: (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = "html";
      ctx.body = page("Error", `<h1>Error</h1><pre>${escapeHtml(JSON.stringify(out, null, 2))}</pre>`);
    },
  };
}

async function handleInteraction(provider: Provider, accounts: OidcTestAccount[], req: IncomingMessage, res: ServerResponse) {
  const details = await provider.interactionDetails(req, res);
  const action = new URL(req.url ?? "/", "http://x").pathname.split("/")[3];

  if (req.method === "GET") {
    const html = details.prompt.name === "login" ? loginPage(details.uid) : consentPage(details.uid, details);
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(html);
    return;
  }

  const form = await readForm(req);
  if (action === "login") {
    const account = accounts.find((a) => a.username === form.get("username") && a.password === form.get("password"));
    if (!account) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(loginPage(details.uid, "Wrong username or password."));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: account.sub ?? account.username } });
    return;
  }
  if (action === "deny") {
    const result = { error: "access_denied", error_description: "The user denied the request." };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    return;
  }
  if (action === "allow") {
    await provider.interactionFinished(req, res, { consent: { grantId: await grantConsent(provider, details) } });
    return;
  }
  res.writeHead(404).end();
}

/** Grants everything the consent prompt reports as missing. */
async function grantConsent(provider: Provider, details: Interaction): Promise<string> {
  const accountId = details.session?.accountId;
  if (!accountId) throw new Error("no signed-in account for consent");
  const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  if (!grant) throw new Error("grant not found");
  const missing = details.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(" "));
  }
  return grant.save();
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function loginPage(uid: string, error?: string): string {
  return page(
    "Sign in",
    `<h1>Test identity provider</h1>
<form method="post" action="/interaction/${uid}/login">
  <label for="username">Username</label><input id="username" name="username" autocomplete="username" required>
  <label for="password">Password</label><input id="password" name="password" type="password" required>
  ${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
  <button type="submit">Sign in</button>
</form>`,
  );
}

function consentPage(uid: string, details: Interaction): string {
  const scope = String(details.params.scope ?? "");
  return page(
    "Consent",
    `<h1>Allow access?</h1>
<p><strong>${escapeHtml(String(details.params.client_id))}</strong> asks for: ${escapeHtml(scope)}</p>
<form method="post" action="/interaction/${uid}/allow"><button type="submit">Allow</button></form>
<form method="post" action="/interaction/${uid}/deny"><button type="submit">Deny</button></form>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
