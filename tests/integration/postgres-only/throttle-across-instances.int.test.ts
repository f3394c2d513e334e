import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/server/db/client";
import type { DatabaseHandle } from "@/server/db/types";
import { signInWithPassword } from "@/server/users/sign-in-with-password";
import { userWithPassword } from "../../support/accounts";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { rows } from "../../support/sql";

// Two instances = two connection pools on one PostgreSQL database: the lock one of them takes
// holds for the other, and racing attempts cannot slip past the limit.
let tdb: TestDatabase;
let second: DatabaseHandle;
beforeAll(async () => {
  tdb = await createTestDatabase();
  second = await openDatabase({ url: tdb.url! });
});
afterAll(async () => {
  await second?.close();
  await tdb?.dispose();
});

const PASSWORD = "the-right-Passw0rd";

describe("sign-in throttling across instances (postgres)", () => {
  it("failures counted on two instances add up to one lock that both enforce", async () => {
    const user = await userWithPassword(tdb.db, PASSWORD);
    const now = new Date();
    const on = (db: typeof tdb.db, password: string) =>
      signInWithPassword({ ctx: { db, now }, input: { email: user.email, password, address: "198.51.100.200" } });
    for (let i = 1; i <= 4; i++) expect(await on(i % 2 ? tdb.db : second.db, `wrong-${i}`)).toEqual({ ok: false, reason: "invalid" });
    expect(await on(second.db, "wrong-5")).toMatchObject({ ok: false, reason: "locked" });
    expect(await on(tdb.db, PASSWORD)).toMatchObject({ ok: false, reason: "locked" });
    expect(await on(second.db, PASSWORD)).toMatchObject({ ok: false, reason: "locked" });
  });

  it("twenty wrong passwords sent at once on two instances: at most five are checked", async () => {
    const user = await userWithPassword(tdb.db, PASSWORD);
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signInWithPassword({ ctx: { db: i % 2 ? tdb.db : second.db, now }, input: { email: user.email, password: `burst-${i}`, address: `198.51.100.${i}` } }),
      ),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid").length).toBeLessThanOrEqual(4);
    expect(results.filter((r) => !r.ok && r.reason === "locked").length).toBeGreaterThanOrEqual(16);
    const [row] = await rows<{ failures: number }>(tdb.db, sql`select failures from auth_throttle where key = ${`signin:account:${user.email}`}`);
    expect(row!.failures).toBe(5);
    const audit = await rows<{ n: number }>(
      tdb.db,
      sql`select count(*)::int as n from audit_events where action = 'user.locked_out' and details->>'userId' = ${user.id}`,
    );
    expect(audit[0]!.n).toBe(1);
  });
});
