import { Hono } from "hono";
import type { Db } from "@/server/db/types";
import { createTokenAuthenticator } from "@/server/engine/token-authenticator";
import { createUsageRecorder, type UsageRecorder } from "@/server/engine/usage-recorder";
import { createApiKeyGuard } from "@/server/throttle/api-key-guard";
import { accessLog } from "./access-log";
import { allowedMethods, apiOperations, honoPath } from "./api-contract";
import { requireToken } from "./bearer";
import { limitBody, MAX_API_BODY_BYTES } from "./body";
import { docsRoutes } from "./docs-page";
import { errorResponse } from "./error-response";
import { createFastPath } from "./fast-path";
import { openApiJson } from "./openapi";
import { embedRoutes } from "./routes/embed";
import { flowRoutes } from "./routes/flows";
import { listRoutes } from "./routes/lists";
import { workerRoutes } from "./routes/worker";
import type { EngineEnv } from "./types";

export interface EngineAppOptions {
  db: Db;
  /** How long a checked API key is trusted without a lookup (the revocation delay bound). */
  tokenCacheMs: number;
  usage?: UsageRecorder;
  now?: () => number;
}

/** The machine API (/api/v1/*): the same services as the UI, without Next's per-request router. */
export function createEngineApp(opts: EngineAppOptions) {
  const usage = opts.usage ?? createUsageRecorder({ db: opts.db, now: opts.now });
  const authenticate = createTokenAuthenticator({ db: opts.db, ttlMs: opts.tokenCacheMs, now: opts.now });
  const guard = createApiKeyGuard({ db: opts.db, now: opts.now });
  const deps = { db: opts.db, usage };

  const app = new Hono<EngineEnv>().basePath("/api/v1");
  app.use("*", accessLog());
  app.get("/openapi.json", (c) => c.body(openApiJson(), 200, { "content-type": "application/json" }));
  app.route("/docs", docsRoutes());
  // Every body is bounded before anything reads it, whatever the route; routes may set less.
  app.use("*", limitBody(MAX_API_BODY_BYTES));
  // Each operation's key check and body limit come from its entry in api-contract.ts, the entry the
  // document is generated from: the scope a route demands is the scope the document names.
  for (const op of apiOperations) {
    if (!op.scope) continue;
    const guards = [requireToken(authenticate, usage, op.scope, guard)];
    if (op.maxBodyBytes) guards.push(limitBody(op.maxBodyBytes, `The request body is limited to ${op.maxBodyBytes} bytes`));
    app.on([op.method.toUpperCase()], [honoPath(op.path)], ...guards);
  }
  app.route("/worker", workerRoutes(deps));
  app.route("/flows", flowRoutes(deps));
  app.route("/embed", embedRoutes(deps));
  app.route("/", listRoutes(deps));
  app.notFound((c) => {
    const known = allowedMethods.find((m) => m.pattern.test(c.req.path));
    if (known)
      return c.json({ error: "method_not_allowed", message: `${c.req.method} is not supported here; use ${known.allow}` }, 405, { allow: known.allow });
    return c.json({ error: "not_found", message: "No such endpoint; see /api/v1/openapi.json" }, 404);
  });
  app.onError(errorResponse);
  // The hot GET answered beside Hono, by the same checks (fast-path.ts); machine-api.ts tries it first.
  const fastPath = createFastPath({ db: opts.db, usage, authenticate, guard });
  return { app, usage, fastPath };
}
