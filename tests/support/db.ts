import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase } from "@/server/db/client";
import type { DatabaseHandle } from "@/server/db/types";

export interface TestDatabase extends DatabaseHandle {
  /** postgres:// URL of this test database, or null for in-memory PGlite. */
  url: string | null;
  dispose: () => Promise<void>;
}

/** The server URL given to run the integration tier against PostgreSQL; unset means PGlite. */
export function testServerUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  return url && url.trim() ? url : undefined;
}

export function databaseLabel(): string {
  return testServerUrl() ? "postgres" : "pglite";
}

/** A fresh, migrated database for one test file: a new PostgreSQL database, or in-memory PGlite. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = testServerUrl();
  if (!server) {
    const handle = await openDatabase({ dir: null });
    return { ...handle, url: null, dispose: handle.close };
  }
  const name = `cm_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  return {
    ...handle,
    url: url.toString(),
    dispose: async () => {
      await handle.close();
      const cleanup = postgres(server, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
