import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { rawRows } from "@/server/db/raw-rows";
import { migrationsFolder } from "@/server/db/migrate";
import { safeMessage } from "@/server/observability/serialize-error";
import type { Db } from "@/server/db/types";
import { readJobLag } from "./job-lag";

export type CheckName = "database" | "migrations" | "jobs";

export interface CheckResult {
  name: CheckName;
  ok: boolean;
  /** Why it failed, or what was skipped; never a secret or a connection string. */
  detail?: string;
}

export interface Readiness {
  ready: boolean;
  checks: CheckResult[];
}

/** Beyond these, a due job counts as stalled (the schedulers tick every 15 s and 30 s). */
export const STALL_BOUNDS = { oauthRefreshSeconds: 10 * 60, healthCheckSeconds: 60 * 60 };
const DB_TIMEOUT_MS = 2_000;

export interface ReadinessOptions {
  /** The database to check; a rejection counts as "database unreachable". */
  database: () => Promise<Db>;
  /** False on an instance that runs no background jobs (BACKGROUND_JOBS=off): the check is skipped. */
  jobsRunHere: boolean;
  /** Results are reused this long, so polling every second costs at most one round of queries. */
  cacheMs?: number;
  migrationsDir?: string;
}

function latestMigration(dir: string): number {
  const journal = JSON.parse(readFileSync(path.join(dir, "meta", "_journal.json"), "utf8")) as { entries: { when: number }[] };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function check(opts: ReadinessOptions, expectedMigration: number): Promise<Readiness> {
  const checks: CheckResult[] = [];
  let db: Db;
  try {
    db = await withTimeout(opts.database(), DB_TIMEOUT_MS);
    await withTimeout(db.execute(sql`select 1`), DB_TIMEOUT_MS);
    checks.push({ name: "database", ok: true });
  } catch (err) {
    checks.push({ name: "database", ok: false, detail: `unreachable: ${safeMessage(err)}` });
    checks.push({ name: "migrations", ok: false, detail: "not checked: no database" });
    checks.push({ name: "jobs", ok: false, detail: "not checked: no database" });
    return { ready: false, checks };
  }
  try {
    const [row] = await rawRows<{ applied: string | null }>(db, sql`select max(created_at)::text as applied from drizzle.__drizzle_migrations`);
    const applied = Number(row?.applied ?? 0);
    checks.push(
      applied >= expectedMigration
        ? { name: "migrations", ok: true }
        : { name: "migrations", ok: false, detail: "pending migrations: restart the app to apply them" },
    );
  } catch {
    checks.push({ name: "migrations", ok: false, detail: "no migrations applied" });
  }
  if (!checks[1]!.ok) {
    checks.push({ name: "jobs", ok: false, detail: "not checked: migrations are not applied" });
  } else if (!opts.jobsRunHere) {
    checks.push({ name: "jobs", ok: true, detail: "skipped: this instance runs no background jobs" });
  } else {
    try {
      const lag = await readJobLag(db);
      const stalled = [
        lag.oauthRefreshSeconds > STALL_BOUNDS.oauthRefreshSeconds ? `oldest due OAuth2 refresh is ${Math.round(lag.oauthRefreshSeconds)} s late` : null,
        lag.healthCheckSeconds > STALL_BOUNDS.healthCheckSeconds ? `oldest due health check is ${Math.round(lag.healthCheckSeconds)} s late` : null,
      ].filter((s): s is string => s !== null);
      checks.push(stalled.length ? { name: "jobs", ok: false, detail: `stalled: ${stalled.join("; ")}` } : { name: "jobs", ok: true });
    } catch (err) {
      checks.push({ name: "jobs", ok: false, detail: `not checked: ${safeMessage(err)}` });
    }
  }
  return { ready: checks.every((c) => c.ok), checks };
}

/** A cached readiness check: concurrent and repeated polls within `cacheMs` share one result. */
export function createReadiness(opts: ReadinessOptions): () => Promise<Readiness> {
  const expected = latestMigration(opts.migrationsDir ?? migrationsFolder());
  const cacheMs = opts.cacheMs ?? 1_000;
  let last: { at: number; result: Promise<Readiness> } | null = null;
  return () => {
    const now = Date.now();
    if (!last || now - last.at >= cacheMs) last = { at: now, result: check(opts, expected) };
    return last.result;
  };
}
