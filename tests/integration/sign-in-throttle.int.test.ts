import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngineApp } from "@/server/http/engine-app";
import { signInWithPassword } from "@/server/users/sign-in-with-password";
import { later, userWithPassword } from "../support/accounts";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { apiKey } from "../support/engine-api";
import { projectWithMember } from "../support/factories";
import { rows } from "../support/sql";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.dispose();
});

const PASSWORD = "the-right-Passw0rd";
const signIn = (email: string, password: string, address: string, now: Date) =>
  signInWithPassword({ ctx: { db: tdb.db, now }, input: { email, password, address } });

async function lockouts(action: string, where: string) {
  return rows<{ details: Record<string, unknown>; actor_label: string; project_id: string | null }>(
    tdb.db,
    sql`select details, actor_label, project_id from audit_events where action = ${action} and details::text like ${`%${where}%`} order by id`,
  );
}

describe(`sign-in throttling per account (${databaseLabel()})`, () => {
  it("locks the account at the fifth failure, refuses even the right password until the lock ends, then resets on success", async () => {
    const user = await userWithPassword(tdb.db, PASSWORD);
    const t0 = new Date();
    for (let i = 1; i <= 4; i++) expect(await signIn(user.email, `wrong-${i}`, "198.51.100.1", t0)).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(user.email, "wrong-5", "198.51.100.1", t0)).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 60 });
    // The right password, from another address, during the lock: refused without being checked.
    expect(await signIn(user.email.toUpperCase(), PASSWORD, "198.51.100.2", later(t0, 30_000))).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 30 });

    const audit = await lockouts("user.locked_out", user.email);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      project_id: null,
      actor_label: "system (throttle)",
      details: { scope: "account", email: user.email, userId: user.id, address: "198.51.100.1", failures: 5 },
    });
    expect(JSON.stringify(audit)).not.toContain("wrong-5");

    const after = later(t0, 61_000);
    const ok = await signIn(user.email, PASSWORD, "198.51.100.1", after);
    expect(ok).toMatchObject({ ok: true, user: { id: user.id, sessionVersion: 0, disabled: false } });
    // Counter reset: four more failures do not lock.
    for (let i = 1; i <= 4; i++) expect(await signIn(user.email, `again-${i}`, "198.51.100.1", after)).toEqual({ ok: false, reason: "invalid" });
  });

  it("grows the lock: a failure right after a lock ends locks again for twice as long", async () => {
    const user = await userWithPassword(tdb.db, PASSWORD);
    const t0 = new Date();
    for (let i = 1; i <= 5; i++) await signIn(user.email, `wrong-${i}`, "198.51.100.3", t0);
    const t1 = later(t0, 61_000);
    expect(await signIn(user.email, "wrong-6", "198.51.100.3", t1)).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 120 });
    const t2 = later(t1, 121_000);
    expect(await signIn(user.email, "wrong-7", "198.51.100.3", t2)).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 240 });
    expect(await lockouts("user.locked_out", user.email)).toHaveLength(3);
  });

  it("unknown e-mails are throttled the same way, so the lock reveals no account", async () => {
    const t0 = new Date();
    const ghost = "nobody-here@example.test";
    for (let i = 1; i <= 4; i++) expect((await signIn(ghost, `guess-${i}`, "198.51.100.4", t0)).ok).toBe(false);
    expect(await signIn(ghost, "guess-5", "198.51.100.4", t0)).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 60 });
    expect((await lockouts("user.locked_out", ghost))[0]).toMatchObject({ details: { email: ghost, userId: null } });
  });
});

// Each attempt verifies an scrypt hash: a few dozen take a while on a busy machine.
const MANY_HASHES = 120_000;

describe(`sign-in throttling per client address (${databaseLabel()})`, () => {
  it(
    "an address spraying many accounts is locked at the twentieth failure; other addresses are not",
    async () => {
      const t0 = new Date();
      const sprayer = "203.0.113.50";
      for (let i = 1; i <= 19; i++) expect(await signIn(`spray-${i}@example.test`, "Winter2026!", sprayer, t0)).toEqual({ ok: false, reason: "invalid" });
      expect(await signIn("spray-20@example.test", "Winter2026!", sprayer, t0)).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 60 });

      const user = await userWithPassword(tdb.db, PASSWORD);
      expect(await signIn(user.email, PASSWORD, sprayer, later(t0, 1_000))).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 59 });
      expect(await signIn(user.email, PASSWORD, "203.0.113.51", later(t0, 1_000))).toMatchObject({ ok: true });
      // The attempt refused by the address lock did not count against the account.
      const [account] = await rows<{ failures: number }>(tdb.db, sql`select failures from auth_throttle where key = ${`signin:account:${user.email}`}`);
      expect(account).toBeUndefined();

      const audit = await lockouts("user.locked_out", sprayer);
      expect(audit.filter((a) => a.details.scope === "address")).toHaveLength(1);
      expect(audit.find((a) => a.details.scope === "address")!.details).toMatchObject({ address: sprayer, failures: 20 });
    },
    MANY_HASHES,
  );

  it(
    "successful sign-ins from a shared address do not count towards its lock",
    async () => {
      const user = await userWithPassword(tdb.db, PASSWORD);
      const t0 = new Date();
      for (let i = 0; i < 21; i++) expect((await signIn(user.email, PASSWORD, "203.0.113.60", t0)).ok).toBe(true);
    },
    MANY_HASHES,
  );
});

describe(`bad API keys per client address (${databaseLabel()})`, () => {
  it("answers 429 with Retry-After after 20 bad keys from one address, even for a valid key, until the lock ends", async () => {
    const { ctx } = await projectWithMember(tdb.db, "ADMIN");
    const good = await apiKey(ctx);
    let clock = Date.now();
    const engine = createEngineApp({ db: tdb.db, tokenCacheMs: 0, now: () => clock });
    const from = (address: string, token: string) =>
      engine.app.request(
        "/api/v1/worker/connections/none",
        { headers: { authorization: `Bearer ${token}` } },
        { incoming: { socket: { remoteAddress: address }, headers: {} } },
      );

    const attacker = "192.0.2.77";
    for (let i = 1; i <= 19; i++) expect((await from(attacker, `cmk_guess${i}`)).status).toBe(401);
    const locked = await from(attacker, "cmk_guess20");
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("60");
    expect(await locked.json()).toMatchObject({ error: "too_many_requests" });
    expect((await from(attacker, good)).status).toBe(429);
    expect((await from("192.0.2.78", good)).status).toBe(404); // another address: the key works (no such connection)

    const audit = await lockouts("api_key.locked_out", attacker);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ project_id: null, details: { address: attacker, failures: 20 } });
    expect(JSON.stringify(audit)).not.toContain("cmk_guess");

    clock += 61_000;
    expect((await from(attacker, good)).status).toBe(404);
    expect((await from(attacker, "cmk_guess21")).status).toBe(429); // the next bad key locks again, for longer
    await engine.usage.idle();
  });

  it("a missing Authorization header is not a guess and is never throttled", async () => {
    const engine = createEngineApp({ db: tdb.db, tokenCacheMs: 0 });
    for (let i = 0; i < 25; i++) {
      const res = await engine.app.request("/api/v1/worker/connections/x", {}, { incoming: { socket: { remoteAddress: "192.0.2.90" }, headers: {} } });
      expect(res.status).toBe(401);
    }
    await engine.usage.idle();
  });
});
