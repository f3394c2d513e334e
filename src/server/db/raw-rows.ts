import type { SQL } from "drizzle-orm";
import type { Db } from "./types";

/** Rows of a raw query, whichever driver ran it (PGlite answers {rows}, postgres.js an array). */
export async function rawRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}
