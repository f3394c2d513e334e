import type { HttpBindings } from "@hono/node-server";
import type { Context, MiddlewareHandler } from "hono";
import { apiKeyPrincipal, keyHasScope, type ApiKeyPrincipal } from "@/server/authz/api-key";
import type { ActiveToken } from "@/server/api-tokens/find-active-token";
import type { ApiKeyGuard } from "@/server/throttle/api-key-guard";
import type { TokenAuthenticator } from "@/server/engine/token-authenticator";
import type { UsageRecorder } from "@/server/engine/usage-recorder";
import type { ApiKeyScope } from "@/schemas/api-keys";
import { clientAddress } from "./client-address";
import type { EngineEnv } from "./types";

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The key in `Authorization: Bearer <key>`, or null. The common exact form costs one slice. */
export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  if (header.startsWith("Bearer ") && header.length > 7) {
    const rest = header.slice(7);
    if (!/\s/.test(rest)) return rest;
  }
  const match = BEARER.exec(header);
  return match ? match[1]! : null;
}

/** What a refused key gets: the status, the JSON body and the headers beside it. */
export interface BearerRefusal {
  status: 401 | 403 | 429;
  body: { error: string; message: string };
  headers?: Record<string, string>;
}

const UNAUTHORIZED: BearerRefusal = {
  status: 401,
  body: { error: "unauthorized", message: "Send a valid API key: Authorization: Bearer <key>" },
  headers: { "WWW-Authenticate": 'Bearer realm="api"' },
};

function tooManyAttempts(retryAfterSeconds: number): BearerRefusal {
  return {
    status: 429,
    body: { error: "too_many_requests", message: `Too many invalid API keys from this address; try again in ${retryAfterSeconds} seconds` },
    headers: { "Retry-After": String(retryAfterSeconds) },
  };
}

// One principal per checked key object: a cache hit allocates nothing for it.
const principals = new WeakMap<ActiveToken, ApiKeyPrincipal>();
function principalOf(token: ActiveToken): ApiKeyPrincipal {
  let principal = principals.get(token);
  if (!principal) principals.set(token, (principal = apiKeyPrincipal(token)));
  return principal;
}

/**
 * The API key check both doors share (Hono's middleware below and the lean GET in fast-path.ts).
 * `checkBearer` answers at once for a key this instance already trusts (no promise, no lookup);
 * otherwise it returns a promise. 401 without a valid, unrevoked key; 403 when the key lacks
 * `scope`; 429 (Retry-After) while the client address is locked for presenting too many bad keys —
 * then no key is even looked up, unless this instance already trusts it. A key let in is counted
 * as used (Last Used, throttled, after the response).
 */
export function createBearerCheck(authenticate: TokenAuthenticator, usage: UsageRecorder, guard: ApiKeyGuard) {
  const admit = (token: ActiveToken | null, scope: ApiKeyScope): ApiKeyPrincipal | BearerRefusal => {
    if (!token) return UNAUTHORIZED;
    const principal = principalOf(token);
    if (!keyHasScope(principal, scope)) {
      return { status: 403, body: { error: "insufficient_scope", message: `This API key lacks the “${scope}” scope` } };
    }
    usage.tokenUsed(token.id);
    return principal;
  };
  const lookUp = async (key: string, address: string, scope: ApiKeyScope): Promise<ApiKeyPrincipal | BearerRefusal> => {
    const locked = await guard.retryAfter(address);
    if (locked) return tooManyAttempts(locked);
    const token = await authenticate(key);
    if (!token) {
      const lockedNow = await guard.rejected(address);
      if (lockedNow) return tooManyAttempts(lockedNow);
    }
    return admit(token, scope);
  };
  return (
    header: string | undefined | null,
    address: () => string,
    scope: ApiKeyScope,
  ): ApiKeyPrincipal | BearerRefusal | Promise<ApiKeyPrincipal | BearerRefusal> => {
    const key = bearerToken(header);
    if (!key) return UNAUTHORIZED;
    const cached = authenticate.cached?.(key) ?? null;
    if (cached) return admit(cached, scope);
    return lookUp(key, address(), scope);
  };
}

export type BearerCheck = ReturnType<typeof createBearerCheck>;

export function isRefusal(outcome: ApiKeyPrincipal | BearerRefusal): outcome is BearerRefusal {
  return "status" in outcome;
}

function addressOf(c: Context<EngineEnv>): string {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  return clientAddress(incoming?.socket?.remoteAddress, incoming?.headers?.["x-forwarded-for"]);
}

/** The check as Hono middleware: the refusal as JSON, or the principal set for the handlers. */
export function requireToken(authenticate: TokenAuthenticator, usage: UsageRecorder, scope: ApiKeyScope, guard: ApiKeyGuard): MiddlewareHandler<EngineEnv> {
  const check = createBearerCheck(authenticate, usage, guard);
  return async (c, next) => {
    const outcome = await check(c.req.header("authorization"), () => addressOf(c), scope);
    if (isRefusal(outcome)) {
      for (const [name, value] of Object.entries(outcome.headers ?? {})) c.header(name, value);
      return c.json(outcome.body, outcome.status);
    }
    c.set("principal", outcome);
    await next();
  };
}
