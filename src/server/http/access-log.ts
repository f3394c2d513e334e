import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { log } from "@/server/log";
import { recordHttpRequest } from "@/server/observability/metrics";
import { currentRequest, requestIdFrom, runWithRequest } from "@/server/observability/request-context";
import type { EngineEnv } from "./types";

/**
 * One access line and the request metrics per /api/v1 request. The route is the matched pattern
 * (`/api/v1/worker/connections/:externalId`), never the raw path, so ids stay out of metric labels.
 */
export function accessLog(): MiddlewareHandler<EngineEnv> {
  return async (c, next) => {
    const started = performance.now();
    // server.ts / engine.ts open the request context; tests calling app.request() directly do not.
    const outer = currentRequest();
    const requestId = outer?.requestId ?? requestIdFrom(c.req.header("x-request-id"));
    if (outer) await next();
    else await runWithRequest({ requestId }, next);

    const seconds = (performance.now() - started) / 1000;
    const route = routePath(c, -1) || "unmatched";
    const status = c.res.status;
    const token = c.get("principal")?.key;
    c.header("X-Request-Id", requestId);
    recordHttpRequest(route, c.req.method, status, seconds);
    runWithRequest({ requestId }, () =>
      log.info("api request", {
        method: c.req.method,
        route,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        projectId: token?.projectId ?? null,
        apiKeyId: token?.id ?? null,
      }),
    );
  };
}
