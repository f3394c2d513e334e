import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";

// The driver as the app runs it (patches/postgres+3.4.9.patch applied on install), against the real
// server. A backend terminated while it runs a query (pg_terminate_backend, or a server stopping
// with `-m fast`) answers FATAL 57P01 and closes. That query fails; the next query on the same pooled
// connection must run on a fresh backend, not be failed with the old backend's error: unpatched, the
// connection kept the error and replayed it at the next connect's first ReadyForQuery (upstream
// porsager/postgres#1223). In the app that was a 503 long after the database was back (the soak's
// rare "unavailable" on a restarted instance).

const url = process.env.TEST_DATABASE_URL!;
const admin = postgres(url, { max: 1, onnotice: () => {} });
afterAll(async () => {
  await admin.end({ timeout: 1 });
});

describe("a pooled connection whose backend was terminated mid-query (PostgreSQL)", () => {
  it("fails that query, then serves the next ones on a fresh backend", async () => {
    const name = `terminated-backend-${randomBytes(4).toString("hex")}`;
    const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: name } });
    try {
      const first = (await sql<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!.pid;
      for (let round = 0; round < 3; round++) {
        const sleeping = sql`select pg_sleep(30)`.then(
          () => null,
          (err: { code?: string }) => err,
        );
        for (let i = 0; i < 100; i++) {
          const [row] = await admin<
            { n: number }[]
          >`select count(*)::int as n from pg_stat_activity where application_name = ${name} and query like 'select pg_sleep%'`;
          if (row!.n > 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        const [killed] = await admin<
          { n: number }[]
        >`select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${name}) t`;
        expect(killed!.n).toBe(1);
        const failed = await sleeping;
        expect(["57P01", "CONNECTION_CLOSED", "ECONNRESET"]).toContain(failed?.code);

        const pid = (await sql<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!.pid;
        expect(pid).not.toBe(first);
        const one = (await sql<{ one: number }[]>`select 1 as one`)[0]!.one;
        expect(one).toBe(1);
      }
    } finally {
      await sql.end({ timeout: 1 });
    }
  }, 60_000);
});

describe("the driver's start-up query failing (PostgreSQL)", () => {
  it("fails the caller's query and raises no unhandled rejection (which would end the server)", async () => {
    // statement_timeout 1 ms from the start-up packet cancels the driver's own array-types query
    // (57014), the first statement on every new connection: upstream #1192 / #1205.
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { statement_timeout: 1 } });
    try {
      const outcome = await sql`select 1 as one`.then(
        () => "ok",
        (err: { code?: string }) => err.code,
      );
      expect(["ok", "57014"]).toContain(outcome);
      await new Promise((r) => setTimeout(r, 100));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
      await sql.end({ timeout: 1 });
    }
  });
});
