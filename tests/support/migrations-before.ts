import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "./db";

/**
 * A test database migrated only up to (not including) the migration whose tag ends with
 * `tagSuffix`, whatever its number after a merge: an installation from before it, to fill with
 * the rows that migration must carry over. `runMigrations(tdb)` then upgrades it.
 */
export async function databaseBefore(tagSuffix: string): Promise<{ tdb: TestDatabase; dispose: () => Promise<void> }> {
  const root = process.cwd();
  const older = mkdtempSync(path.join(os.tmpdir(), "cm-migrations-"));
  cpSync(path.join(root, "drizzle"), path.join(older, "drizzle"), { recursive: true });
  const journalPath = path.join(older, "drizzle/meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag.endsWith(tagSuffix));
  if (at < 1) throw new Error(`no migration after the first ends with ${tagSuffix}`);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  process.chdir(older);
  let tdb: TestDatabase;
  try {
    tdb = await createTestDatabase();
  } finally {
    process.chdir(root);
  }
  return {
    tdb,
    dispose: async () => {
      await tdb.dispose();
      rmSync(older, { recursive: true, force: true });
    },
  };
}
