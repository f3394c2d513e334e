import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { log } from "@/server/log";
import { metrics } from "@/server/observability/metrics";
import type { Readiness } from "./readiness";

export interface OpsEndpointsOptions {
  readiness: () => Promise<Readiness>;
  /** Bearer token that opens /metrics; without one, /metrics is not served on this listener. */
  metricsToken?: string;
  /** True on the dedicated METRICS_PORT listener: /metrics answers there (with the token when set). */
  metricsOpen?: boolean;
  /** True while the process shuts down: /readyz answers 503 "draining". */
  draining?: () => boolean;
}

function send(res: ServerResponse, status: number, body: string, type = "application/json") {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" }).end(body);
}

function tokenMatches(header: string | undefined, expected: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match) return false;
  const given = Buffer.from(match[1]!);
  const want = Buffer.from(expected);
  return given.length === want.length && timingSafeEqual(given, want);
}

async function serveMetrics(req: IncomingMessage, res: ServerResponse, opts: OpsEndpointsOptions) {
  if (!opts.metricsOpen && !opts.metricsToken) {
    return send(res, 404, JSON.stringify({ error: "not_found", message: "Metrics are off: set METRICS_TOKEN or METRICS_PORT" }));
  }
  if (opts.metricsToken && !tokenMatches(req.headers.authorization, opts.metricsToken)) {
    res.setHeader("www-authenticate", 'Bearer realm="metrics"');
    return send(res, 401, JSON.stringify({ error: "unauthorized", message: "Send Authorization: Bearer <METRICS_TOKEN>" }));
  }
  const registry = metrics().registry;
  send(res, 200, await registry.metrics(), registry.contentType);
}

/**
 * Answers /healthz, /readyz and /metrics before any other routing, outside authentication.
 * Returns false for any other path so the caller passes the request on.
 */
export function createOpsEndpoints(opts: OpsEndpointsOptions) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if (path === "/healthz") {
      send(res, 200, JSON.stringify({ status: "ok" }));
      return true;
    }
    if (path === "/readyz") {
      if (opts.draining?.()) {
        send(res, 503, JSON.stringify({ status: "draining", checks: [] }));
        return true;
      }
      void opts.readiness().then(
        (r) => send(res, r.ready ? 200 : 503, JSON.stringify({ status: r.ready ? "ready" : "not_ready", checks: r.checks })),
        () => send(res, 503, JSON.stringify({ status: "not_ready", checks: [] })),
      );
      return true;
    }
    if (path === "/metrics") {
      void serveMetrics(req, res, opts).catch(() => send(res, 500, JSON.stringify({ error: "internal", message: "Metrics could not be gathered" })));
      return true;
    }
    return false;
  };
}

/** METRICS_PORT: a listener that serves /metrics (and the probes) and nothing else. */
export function startMetricsServer(port: number, host: string, opts: Omit<OpsEndpointsOptions, "metricsOpen">): Server {
  const handle = createOpsEndpoints({ ...opts, metricsOpen: true });
  const server = createServer((req, res) => {
    if (!handle(req, res)) send(res, 404, JSON.stringify({ error: "not_found", message: "This port serves /metrics only" }));
  });
  // A taken port must not bring the app down with it: the metrics are lost, and the log says why.
  server.on("error", (err) => log.error("metrics: could not listen on METRICS_PORT", { port, error: err }));
  server.listen(port, host);
  return server;
}
