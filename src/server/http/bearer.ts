import type { MiddlewareHandler } from "hono";
import { apiKeyPrincipal, keyHasScope } from "@/server/authz/api-key";
import type { TokenAuthenticator } from "@/server/engine/token-authenticator";
import type { UsageRecorder } from "@/server/engine/usage-recorder";
import type { ApiKeyScope } from "@/schemas/api-keys";
import type { EngineEnv } from "./types";

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** 401 without a valid, unrevoked key; 403 when the key lacks `scope`. */
export function requireToken(authenticate: TokenAuthenticator, usage: UsageRecorder, scope: ApiKeyScope): MiddlewareHandler<EngineEnv> {
  return async (c, next) => {
    const match = BEARER.exec(c.req.header("authorization") ?? "");
    const token = match ? await authenticate(match[1]!) : null;
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
