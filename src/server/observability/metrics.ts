import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import { RequestCounter, RouteHistogram } from "./hot-series";

// One registry per process, shared by server.ts and Next's bundled copy of this module: a refresh
// triggered from a page must count in the same series as one from the engine API.
const METRICS_KEY = Symbol.for("connections-manager.metrics");

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "cm_process_" });
  const m = {
    registry,
    // Added to on every engine request: plain numbers, read by prom-client at scrape (hot-series.ts).
    httpRequests: new RequestCounter(registry, "cm_http_requests_total", "Engine API (/api/v1) requests by route pattern, method and status"),
    engineResolve: new RouteHistogram(registry, {
      name: "cm_engine_resolve_duration_seconds",
      help: "Engine API credential reads and resolves, by outcome",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    }),
    oauthRefreshes: new Counter({
      name: "cm_oauth_refreshes_total",
      help: "OAuth2 token refreshes by outcome (refreshed, skipped, superseded, failed_<kind>)",
      labelNames: ["outcome", "trigger"] as const,
      registers: [registry],
    }),
    healthChecks: new Counter({
      name: "cm_health_checks_total",
      help: "Scheduled connection health checks by outcome (passed, failed, unreachable, missing, error)",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    reencryptionRemaining: new Gauge({
      name: "cm_reencryption_remaining_rows",
      help: "Rows still sealed with an older key, as last reported by the re-encryption job",
      registers: [registry],
    }),
    reencryptionProgress: new Gauge({
      name: "cm_reencryption_progress_ratio",
      help: "Share of rows sealed with the current key (1 when nothing is left to re-encrypt)",
      registers: [registry],
    }),
  };
  m.reencryptionProgress.set(1);
  return m;
}

export type Metrics = ReturnType<typeof create>;
type GlobalWithMetrics = typeof globalThis & { [METRICS_KEY]?: Metrics };

export function metrics(): Metrics {
  const g = globalThis as GlobalWithMetrics;
  g[METRICS_KEY] ??= create();
  return g[METRICS_KEY];
}

/** Engine API outcome from its status: the label set stays small whatever the error body says. */
export function outcomeOf(status: number): string {
  if (status < 400) return "ok";
  if (status === 401 || status === 403) return "unauthorized";
  if (status === 404) return "not_found";
  if (status === 409) return "unusable";
  if (status === 429) return "throttled";
  if (status < 500) return "invalid";
  if (status === 503) return "unavailable";
  return "error";
}

export function recordHttpRequest(route: string, method: string, status: number, seconds: number): void {
  const m = metrics();
  m.httpRequests.inc(route, method, status);
  if (route.startsWith("/api/v1/worker/")) m.engineResolve.observe(route, outcomeOf(status), seconds);
}

export function recordOAuthRefresh(outcome: string, trigger: string): void {
  metrics().oauthRefreshes.inc({ outcome, trigger });
}

export function recordHealthCheck(outcome: string): void {
  metrics().healthChecks.inc({ outcome });
}

/** For the re-encryption job: how far it is (rows done of rows to do). */
export function setReencryptionProgress(progress: { done: number; total: number }): void {
  const m = metrics();
  const remaining = Math.max(0, progress.total - progress.done);
  m.reencryptionRemaining.set(remaining);
  m.reencryptionProgress.set(progress.total > 0 ? Math.min(1, progress.done / progress.total) : 1);
}
