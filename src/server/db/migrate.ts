import path from "node:path";
import type { DatabaseHandle } from "./types";

export function migrationsFolder(): string {
  return path.resolve(process.cwd(), "drizzle");
}

/**
 * Applies pending migrations. Instances starting together against one PostgreSQL serialize on
 * an advisory lock, so each migration is applied exactly once.
 */
export async function runMigrations(handle: DatabaseHandle): Promise<void> {
  const folder = migrationsFolder();
  if (handle.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder: folder });
    return;
  }
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  await handle.withStartupLock(() => migrate(handle.db as never, { migrationsFolder: folder }));
}
