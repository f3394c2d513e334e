import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

/** Either driver's database, or a transaction on it: services accept any of them. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseKind = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  close: () => Promise<void>;
  /** Largest number of connections this handle opens (metrics). */
  poolMax?: number;
  /** PostgreSQL application_name of this handle's connections, unique per process (metrics). */
  applicationName?: string;
  /** Runs fn while holding a cross-instance lock (PostgreSQL advisory lock; a no-op for PGlite). */
  withStartupLock: <T>(fn: () => Promise<T>) => Promise<T>;
}
