import { Hono } from "hono";
import type { Db } from "@/server/db/types";
import { createTokenAuthenticator } from "@/server/engine/token-authenticator";
import { createUsageRecorder, type UsageRecorder } from "@/server/engine/usage-recorder";
import { createApiKeyGuard } from "@/server/throttle/api-key-guard";
import { accessLog } from "./access-log";
import { requireToken } from "./bearer";
import { limitBody, MAX_API_BODY_BYTES } from "./body";
import { errorResponse } from "./error-response";
import { createFastPath } from "./fast-path";
import { openApiDocument } from "./openapi";
import { embedRoutes } from "./routes/embed";
import { flowRoutes } from "./routes/flows";
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
  app.get("/openapi.json", (c) => c.json(openApiDocument));
  // Every body is bounded before anything reads it, whatever the route; routes may set less.
  app.use("*", limitBody(MAX_API_BODY_BYTES));
  app.use("/worker/*", requireToken(authenticate, usage, "connections:read", guard));
  app.use("/flows/*", requireToken(authenticate, usage, "flows:write", guard));
  app.use("/embed/*", requireToken(authenticate, usage, "embed:sessions", guard));
  app.route("/worker", workerRoutes(deps));
  app.route("/flows", flowRoutes(deps));
  app.route("/embed", embedRoutes(deps));
  app.notFound((c) => c.json({ error: "not_found", message: "No such endpoint; see /api/v1/openapi.json" }, 404));
  app.onError(errorResponse);
  // The hot GET answered beside Hono, by the same checks (fast-path.ts); machine-api.ts tries it first.
  const fastPath = createFastPath({ db: opts.db, usage, authenticate, guard });
  return { app, usage, fastPath };
}
