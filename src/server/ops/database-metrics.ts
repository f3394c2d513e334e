import { Gauge } from "prom-client";
import { sql } from "drizzle-orm";
import { rawRows } from "@/server/db/raw-rows";
import type { Db } from "@/server/db/types";
import { metrics } from "@/server/observability/metrics";
import { readJobLag } from "./job-lag";

/** Projects shown by name in cm_connections; the rest are summed under project="other". */
export const TOP_PROJECTS = 20;
const CACHE_MS = 15_000;

export interface DatabaseSource {
  db: Db;
  kind: "pglite" | "postgres";
  /** postgres.js pool size; PGlite is one in-process connection. */
  poolMax: number;
  /** This instance's application_name on PostgreSQL, to count its own connections. */
  applicationName?: string;
  /** How long one reading serves scrapes (default 15 s). */
  cacheMs?: number;
}

interface Snapshot {
  byProject: { project: string; status: string; n: number }[];
  lag: { job: string; seconds: number }[];
  pool: { state: string; n: number }[];
}

async function readSnapshot(src: DatabaseSource): Promise<Snapshot> {
  const grouped = await rawRows<{ project_id: string; status: string; n: number }>(
    src.db,
    sql`select project_id, status::text as status, count(*)::int as n from connections group by 1, 2`,
  );
  const totals = new Map<string, number>();
  for (const r of grouped) totals.set(r.project_id, (totals.get(r.project_id) ?? 0) + Number(r.n));
  const top = new Set(
    [...totals.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP_PROJECTS)
      .map(([p]) => p),
  );
  const merged = new Map<string, number>();
  for (const r of grouped) {
    const key = `${top.has(r.project_id) ? r.project_id : "other"}\u0000${r.status}`;
    merged.set(key, (merged.get(key) ?? 0) + Number(r.n));
  }
  const byProject = [...merged.entries()].map(([k, n]) => {
    const [project, status] = k.split("\u0000") as [string, string];
    return { project, status, n };
  });
  const jobLag = await readJobLag(src.db);
  const lag = [
    { job: "oauth_refresh", seconds: jobLag.oauthRefreshSeconds },
    { job: "health_check", seconds: jobLag.healthCheckSeconds },
  ];
  let pool = [{ state: "open", n: 1 }];
  if (src.kind === "postgres" && src.applicationName) {
    const states = await rawRows<{ state: string | null; n: number }>(
      src.db,
      sql`select state, count(*)::int as n from pg_stat_activity where application_name = ${src.applicationName} group by 1`,
    );
    pool = states.map((s) => ({ state: s.state ?? "unknown", n: Number(s.n) }));
  }
  return { byProject, lag, pool };
}

const ATTACHED_KEY = Symbol.for("connections-manager.database-metrics");
type GlobalWithSource = typeof globalThis & { [ATTACHED_KEY]?: { src: DatabaseSource } };

/**
 * Registers the gauges read from the database at scrape time (one grouped count and two indexed
 * minimums, cached for 15 s so frequent scrapes do not add load). Calling it again swaps the source.
 */
export function attachDatabaseMetrics(src: DatabaseSource): void {
  const g = globalThis as GlobalWithSource;
  if (g[ATTACHED_KEY]) {
    g[ATTACHED_KEY].src = src;
    return;
  }
  const holder = { src };
  g[ATTACHED_KEY] = holder;
  const registry = metrics().registry;
  let cached: { at: number; snapshot: Promise<Snapshot | null> } | null = null;
  const snapshot = () => {
    if (!cached || Date.now() - cached.at >= (holder.src.cacheMs ?? CACHE_MS)) {
      // A database that is down leaves these gauges out of the scrape instead of failing it.
      const pending = readSnapshot(holder.src).catch(() => {
        cached = null;
        return null;
      });
      cached = { at: Date.now(), snapshot: pending };
    }
    return cached.snapshot;
  };

  new Gauge({
    name: "cm_connections",
    help: `Connections by status per project (the ${TOP_PROJECTS} largest projects by id, the rest as "other")`,
    labelNames: ["project", "status"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of (await snapshot())?.byProject ?? []) this.set({ project: r.project, status: r.status }, r.n);
    },
  });
  new Gauge({
    name: "cm_job_lag_seconds",
    help: "How late the oldest due item of each background job is (0: nothing overdue)",
    labelNames: ["job"] as const,
    registers: [registry],
    async collect() {
      for (const r of (await snapshot())?.lag ?? []) this.set({ job: r.job }, r.seconds);
    },
  });
  new Gauge({
    name: "cm_db_pool_connections",
    help: "This instance's database connections by state (PostgreSQL: from pg_stat_activity)",
    labelNames: ["state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of (await snapshot())?.pool ?? []) this.set({ state: r.state }, r.n);
    },
  });
  new Gauge({
    name: "cm_db_pool_max",
    help: "Largest number of database connections this instance opens",
    registers: [registry],
    collect() {
      this.set(holder.src.poolMax);
    },
  });
}
