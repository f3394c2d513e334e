import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { dataDir, getEnv } from "@/env";
import { log } from "@/server/log";
import * as schema from "./schema";
import type { DatabaseHandle, Db } from "./types";
import { runMigrations } from "./migrate";
import { acquireDataDirLock, DataDirLockedError } from "./data-dir-lock";

// Any constant shared by every instance; it keys the PostgreSQL advisory lock.
const STARTUP_LOCK_KEY = 7_316_402_611;
const POOL_MAX = 10;

/** Raised when the database cannot be reached or opened; start-up prints its message alone. */
export class DatabaseStartupError extends Error {
  override name = "DatabaseStartupError";
}

// Next bundles its own copy of this module beside the custom server's copy; both must share
// one PGlite instance per data directory, so the handle lives on globalThis.
const HANDLE_KEY = Symbol.for("connections-manager.db");
type GlobalWithDb = typeof globalThis & { [HANDLE_KEY]?: Promise<DatabaseHandle> };

export function getDatabase(): Promise<DatabaseHandle> {
  const g = globalThis as GlobalWithDb;
  if (!g[HANDLE_KEY]) {
    g[HANDLE_KEY] = openDatabase({ url: getEnv().DATABASE_URL, dir: path.join(dataDir(), "pglite") }).catch((err) => {
      delete g[HANDLE_KEY];
      throw err;
    });
  }
  return g[HANDLE_KEY];
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

export async function closeDatabase(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const pending = g[HANDLE_KEY];
  delete g[HANDLE_KEY];
  if (pending) await (await pending).close();
}

/** Opens either database and applies pending migrations. `dir: null` keeps PGlite in memory. */
export async function openDatabase(opts: { url?: string; dir?: string | null }): Promise<DatabaseHandle> {
  const handle = opts.url ? await openPostgres(opts.url) : await openPglite(opts.dir ?? null);
  try {
    await runMigrations(handle);
  } catch (err) {
    await handle.close().catch(() => {});
    throw err;
  }
  return handle;
}

async function openPglite(dir: string | null): Promise<DatabaseHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  if (dir) mkdirSync(dir, { recursive: true });
  let release = () => {};
  if (dir) {
    try {
      release = acquireDataDirLock(dir);
    } catch (err) {
      if (err instanceof DataDirLockedError) throw new DatabaseStartupError(err.message);
      throw err;
    }
  }
  let client: InstanceType<typeof PGlite>;
  try {
    client = await PGlite.create(dir ?? undefined, { extensions: { pg_trgm } });
  } catch (err) {
    release();
    throw new DatabaseStartupError(`Could not open the embedded database in ${dir ?? "memory"}: ${(err as Error).message}`);
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  if (dir) log.info("database: embedded PGlite", { dir });
  const close = async () => {
    try {
      await client.close();
    } finally {
      release();
    }
  };
  return { db, kind: "pglite", close, withStartupLock: (fn) => fn(), poolMax: 1 };
}

/** Seconds before the pool's next attempt to reconnect after `retries` failed ones. */
export function reconnectDelaySeconds(retries: number): number {
  return Math.min(0.02 * 2 ** retries, 0.5) * (0.5 + Math.random() / 2);
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  let target: URL;
  try {
    target = new URL(url);
    if (!/^postgres(ql)?:$/.test(target.protocol)) throw new Error("not a postgres URL");
  } catch {
    throw new DatabaseStartupError("DATABASE_URL is not a valid postgres:// URL");
  }
  const applicationName = `connections-manager:${process.pid}:${randomBytes(3).toString("hex")}`;
  const client = postgres(url, {
    max: POOL_MAX,
    connect_timeout: getEnv().DATABASE_CONNECT_TIMEOUT_SECONDS,
    // Between attempts to reconnect, the driver waits 3^n/100 s by default, up to 20 s, with n
    // counted over the whole pool: after a few seconds of outage an instance could wait many
    // seconds after PostgreSQL's return before trying again (the soak measured up to 11 s, and
    // requests hung meanwhile). At most half a second, jittered.
    backoff: reconnectDelaySeconds,
    onnotice: () => {},
    connection: { application_name: applicationName },
  });
  try {
    await client`select 1`;
  } catch (err) {
    await client.end({ timeout: 1 }).catch(() => {});
    const where = `${target.hostname}:${target.port || 5432}${target.pathname}`;
    throw new DatabaseStartupError(`Cannot connect to PostgreSQL at ${where}: ${(err as Error).message}`);
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  const withStartupLock = async <T>(fn: () => Promise<T>): Promise<T> => {
    const reserved = await client.reserve();
    try {
      await reserved`select pg_advisory_lock(${STARTUP_LOCK_KEY})`;
      return await fn();
    } finally {
      await reserved`select pg_advisory_unlock(${STARTUP_LOCK_KEY})`.catch(() => {});
      reserved.release();
    }
  };
  return { db, kind: "postgres", close: () => client.end({ timeout: 5 }), withStartupLock, poolMax: POOL_MAX, applicationName };
}
