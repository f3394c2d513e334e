import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/server/db/client";
import { testServerUrl } from "../../support/db";

// Runs only in the PostgreSQL tier (see vitest.config.ts): PGlite has one process by design.
describe("several instances starting together on one PostgreSQL", () => {
  it("apply each migration exactly once under the advisory lock", async () => {
    const server = testServerUrl()!;
    const name = `cm_race_${Date.now().toString(36)}`;
    const admin = postgres(server, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    try {
      const url = new URL(server);
      url.pathname = `/${name}`;
      const handles = await Promise.all([1, 2, 3].map(() => openDatabase({ url: url.toString() })));
      await Promise.all(handles.map((h) => h.close()));
      const check = postgres(url.toString(), { max: 1, onnotice: () => {} });
      const [{ n } = { n: -1 }] = await check<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
      const [{ m } = { m: -2 }] = await check<{ m: number }[]>`select count(distinct hash)::int as m from drizzle.__drizzle_migrations`;
      await check.end();
      expect(n).toBe(m);
      expect(n).toBeGreaterThanOrEqual(2);
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
