import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { log, logs } from "@/server/log";
import { recordHttpRequest } from "@/server/observability/metrics";
import { currentRequest, requestIdFrom, runWithRequest } from "@/server/observability/request-context";
import type { EngineEnv } from "./types";

/**
 * The access line and the request metrics of one /api/v1 request (both doors: the Hono middleware
 * below and the lean GET in fast-path.ts). The route is the matched pattern
 * (`/api/v1/worker/connections/:externalId`), never the raw path, so ids stay out of metric labels.
 * Cheap when it can be: the line's fields are built only when info lines are written, and the
 * request context is entered again only when the caller is not already inside it.
 */
export function recordApiRequest(
  requestId: string,
  entry: { route: string; method: string; status: number; seconds: number; key: { id: string; projectId: string } | undefined },
): void {
  recordHttpRequest(entry.route, entry.method, entry.status, entry.seconds);
  if (!logs("info")) return;
  const line = () =>
    log.info("api request", {
      method: entry.method,
      route: entry.route,
      status: entry.status,
      durationMs: Math.round(entry.seconds * 10_000) / 10,
      projectId: entry.key?.projectId ?? null,
      apiKeyId: entry.key?.id ?? null,
    });
  if (currentRequest()?.requestId === requestId) line();
  else runWithRequest({ requestId }, line);
}

/** One access line and the request metrics per /api/v1 request answered by Hono. */
export function accessLog(): MiddlewareHandler<EngineEnv> {
  return async (c, next) => {
    const started = performance.now();
    // server.ts / engine.ts open the request context; tests calling app.request() directly do not.
    const outer = currentRequest();
    const requestId = outer?.requestId ?? requestIdFrom(c.req.header("x-request-id"));
    if (outer) await next();
    else await runWithRequest({ requestId }, next);

    const seconds = (performance.now() - started) / 1000;
    // On a Node server the id is already on the response (http-context.ts), and a hot route may
    // have written the response itself (send-json.ts): setting a header now would make the adapter
    // write a second head.
    if (!outer) c.header("X-Request-Id", requestId);
    recordApiRequest(requestId, { route: routePath(c, -1) || "unmatched", method: c.req.method, status: c.res.status, seconds, key: c.get("principal")?.key });
  };
}
