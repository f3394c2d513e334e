import type { HttpBindings } from "@hono/node-server";
import type { Context, MiddlewareHandler } from "hono";
import { apiKeyPrincipal, keyHasScope } from "@/server/authz/api-key";
import type { ApiKeyGuard } from "@/server/throttle/api-key-guard";
import type { TokenAuthenticator } from "@/server/engine/token-authenticator";
import type { UsageRecorder } from "@/server/engine/usage-recorder";
import type { ApiKeyScope } from "@/schemas/api-keys";
import { clientAddress } from "./client-address";
import type { EngineEnv } from "./types";

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function addressOf(c: Context<EngineEnv>): string {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  return clientAddress(incoming?.socket?.remoteAddress, incoming?.headers?.["x-forwarded-for"]);
}

function tooManyAttempts(c: Context<EngineEnv>, retryAfterSeconds: number) {
  c.header("Retry-After", String(retryAfterSeconds));
  return c.json({ error: "too_many_requests", message: `Too many invalid API keys from this address; try again in ${retryAfterSeconds} seconds` }, 429);
}

/**
 * 401 without a valid, unrevoked key; 403 when the key lacks `scope`; 429 (Retry-After) while the
 * client address is locked for presenting too many bad keys — then no key is even looked up,
 * unless this instance already trusts it.
 */
export function requireToken(authenticate: TokenAuthenticator, usage: UsageRecorder, scope: ApiKeyScope, guard: ApiKeyGuard): MiddlewareHandler<EngineEnv> {
  return async (c, next) => {
    const match = BEARER.exec(c.req.header("authorization") ?? "");
    let token = match ? (authenticate.cached?.(match[1]!) ?? null) : null;
    if (match && !token) {
      const address = addressOf(c);
      const locked = await guard.retryAfter(address);
      if (locked) return tooManyAttempts(c, locked);
      token = await authenticate(match[1]!);
      if (!token) {
        const lockedNow = await guard.rejected(address);
        if (lockedNow) return tooManyAttempts(c, lockedNow);
      }
    }
    if (!token) {
      c.header("WWW-Authenticate", 'Bearer realm="api"');
      return c.json({ error: "unauthorized", message: "Send a valid API key: Authorization: Bearer <key>" }, 401);
    }
    const principal = apiKeyPrincipal(token);
    if (!keyHasScope(principal, scope)) {
      return c.json({ error: "insufficient_scope", message: `This API key lacks the “${scope}” scope` }, 403);
    }
    c.set("principal", principal);
    usage.tokenUsed(token.id);
    await next();
  };
}
