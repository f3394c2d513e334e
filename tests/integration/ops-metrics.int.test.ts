import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachDatabaseMetrics, TOP_PROJECTS } from "@/server/ops/database-metrics";
import { createOpsEndpoints, startMetricsServer } from "@/server/ops/ops-endpoints";
import { createReadiness } from "@/server/ops/readiness";
import { recordHealthCheck, recordOAuthRefresh, setReencryptionProgress } from "@/server/observability/metrics";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { engineFixture } from "../support/engine-api";
import { projectWithMember } from "../support/factories";
import { createKeyConnection } from "../support/flows";
import { parsePrometheusText, type Family } from "../support/prometheus";

const TOKEN = "metrics-token-0123456789abcdef";

let tdb: TestDatabase;
let fx: Awaited<ReturnType<typeof engineFixture>>;
const servers: Server[] = [];

async function listen(server: Server): Promise<string> {
  servers.push(server);
  if (!server.listening) await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  else await new Promise<void>((r) => (server.address() ? r() : server.once("listening", () => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function mainPort(metricsToken?: string) {
  const handle = createOpsEndpoints({ readiness: createReadiness({ database: async () => tdb.db, jobsRunHere: false }), metricsToken });
  return listen(createServer((req, res) => void (handle(req, res) || res.writeHead(404).end())));
}

const sum = (f: Family | undefined, labels: Record<string, string> = {}) =>
  (f?.samples ?? []).filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);

beforeAll(async () => {
  tdb = await createTestDatabase();
  attachDatabaseMetrics({ db: tdb.db, kind: tdb.kind, poolMax: tdb.poolMax ?? 1, applicationName: tdb.applicationName, cacheMs: 0 });
  fx = await engineFixture(tdb);
});
afterAll(async () => {
  servers.forEach((s) => s.close());
  await fx?.engine.usage.idle();
  await tdb?.dispose();
});

describe(`/metrics (${databaseLabel()})`, () => {
  it("is not served without METRICS_TOKEN or METRICS_PORT, and refuses a missing or wrong token", async () => {
    expect((await fetch(`${await mainPort()}/metrics`)).status).toBe(404);
    const base = await mainPort(TOKEN);
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: "Bearer wrong-token-0123456789abcd" } })).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
  });

  it("parses as Prometheus text and carries every documented family", async () => {
    // Traffic for the request and resolve series, and the other sources' counters.
    expect((await fx.call(`/worker/connections/${fx.conn.externalId}`)).status).toBe(200);
    expect((await fx.call(`/worker/connections/nope`)).status).toBe(404);
    recordOAuthRefresh("refreshed", "schedule");
    recordHealthCheck("passed");
    setReencryptionProgress({ done: 3, total: 4 });

    const res = await fetch(`${await mainPort(TOKEN)}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusText(await res.text());

    const route = "/api/v1/worker/connections/:externalId";
    expect(sum(families.get("cm_http_requests_total"), { route, status: "200", method: "GET" })).toBeGreaterThanOrEqual(1);
    expect(sum(families.get("cm_http_requests_total"), { route, status: "404" })).toBeGreaterThanOrEqual(1);
    // Route patterns only: no raw path with an id becomes a label.
    for (const s of families.get("cm_http_requests_total")!.samples) expect(s.labels.route).not.toContain(fx.conn.externalId);
    expect(families.get("cm_engine_resolve_duration_seconds")!.type).toBe("histogram");
    expect(sum(families.get("cm_engine_resolve_duration_seconds"), { outcome: "not_found" })).toBeGreaterThan(0);
    expect(sum(families.get("cm_oauth_refreshes_total"), { outcome: "refreshed" })).toBeGreaterThanOrEqual(1);
    expect(sum(families.get("cm_health_checks_total"), { outcome: "passed" })).toBeGreaterThanOrEqual(1);
    expect(sum(families.get("cm_reencryption_progress_ratio"))).toBe(0.75);
    expect(sum(families.get("cm_reencryption_remaining_rows"))).toBe(1);
    expect(sum(families.get("cm_connections"), { project: fx.ctx.projectId, status: "ACTIVE" })).toBe(1);
    expect(
      families
        .get("cm_job_lag_seconds")!
        .samples.map((s) => s.labels.job)
        .sort(),
    ).toEqual(["health_check", "oauth_refresh"]);
    expect(sum(families.get("cm_db_pool_max"))).toBe(tdb.kind === "postgres" ? 10 : 1);
    expect(sum(families.get("cm_db_pool_connections"))).toBeGreaterThanOrEqual(1);
  });

  it('bounds the per-project series: the largest projects by id, the rest as "other"', async () => {
    for (let i = 0; i < TOP_PROJECTS + 2; i++) await createKeyConnection((await projectWithMember(tdb.db)).ctx);
    const res = await fetch(`${await mainPort(TOKEN)}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const projects = new Set(
      parsePrometheusText(await res.text())
        .get("cm_connections")!
        .samples.map((s) => s.labels.project),
    );
    expect(projects.size).toBe(TOP_PROJECTS + 1);
    expect(projects.has("other")).toBe(true);
  });

  it("METRICS_PORT serves /metrics without a token when none is set", async () => {
    const server = startMetricsServer(0, "127.0.0.1", { readiness: async () => ({ ready: true, checks: [] }) });
    const base = await listen(server);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(parsePrometheusText(await res.text()).has("cm_http_requests_total")).toBe(true);
    expect((await fetch(`${base}/anything`)).status).toBe(404);
  });
});
