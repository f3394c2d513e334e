import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { verifyAuditChain } from "@/server/audit/verify-chain";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { httpMutations, serverActions, trpcMutations } from "../support/audit-coverage/enumerate";
import { EXEMPT, fixtures, REFUSED_HERE, type ActionCalls, type Fixture } from "../support/audit-coverage/fixtures";
import { createHarness, signedIn, type Harness } from "../support/audit-coverage/harness";
import { startTestProvider, stopTestProvider, type OAuthTestProvider } from "../support/oauth";
import { rows } from "../support/sql";

// Server actions read the session cookie next-auth sealed (a request is needed): here it is the
// harness's signed-in admin, at the account's current session version, and the account check
// still runs. A sign-in sets a cookie: it is recorded, and its fixture checks it.
vi.mock("@/server/auth/session-token", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/server/auth/session-token")>()),
  readSessionToken: async () => {
    if (!signedIn.userId) return null;
    const [account] = await rows<{ session_version: number }>(tdb.db, sql`select session_version from users where id = ${signedIn.userId}`);
    return { uid: signedIn.userId, sv: account?.session_version ?? 0 };
  },
}));
vi.mock("@/server/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/server/auth")>()),
  signIn: async (provider: string, options: unknown) => {
    signedIn.signIns.push({ provider, options });
  },
}));

let tdb: TestDatabase;
let provider: OAuthTestProvider;
let h: Harness;
let actions: ActionCalls;
let all: Record<string, Fixture>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  // Server actions open the app's database through getDb(): hand them this test's.
  (globalThis as Record<symbol, unknown>)[Symbol.for("connections-manager.db")] = Promise.resolve(tdb);
  provider = await startTestProvider();
  h = await createHarness(tdb, provider);
  actions = (await serverActions()) as ActionCalls;
  all = fixtures(actions);
});
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("connections-manager.db")];
  await h?.engine.usage.idle();
  await stopTestProvider(provider);
  await tdb?.dispose();
});

async function countEvents() {
  const [r] = await rows<{ n: number }>(tdb.db, sql`select count(*)::int as n from audit_events`);
  return r!.n;
}

function mutations() {
  return [...trpcMutations(), ...actions.keys(), ...httpMutations(h.engine.app)].sort();
}

describe(`every mutation writes an audit event (${databaseLabel()})`, () => {
  it("finds the doors it must cover", () => {
    const found = mutations();
    // The enumeration itself must keep working: a door of each kind is known to exist.
    expect(found).toContain("trpc:member.add");
    expect(found).toContain("action:deleteConnectionsAction");
    expect(found).toContain("http:PUT /api/v1/flows/:id");
    expect(found).not.toContain("trpc:member.list");
  });

  it("each mutation has a fixture or a reviewed exemption, and no entry names a mutation that is gone", () => {
    const found = mutations();
    const missing = found.filter((m) => !all[m] && !EXEMPT[m]);
    expect(missing, "add a fixture in tests/support/audit-coverage/fixtures.ts (or an exemption with its reason)").toEqual([]);
    const stale = [...Object.keys(all), ...Object.keys(EXEMPT)].filter((k) => !found.includes(k));
    expect(stale, "remove entries for mutations that no longer exist").toEqual([]);
    expect(
      Object.keys(all).filter((k) => EXEMPT[k]),
      "a mutation is either covered or exempt",
    ).toEqual([]);
    for (const [k, reason] of Object.entries(EXEMPT)) expect(reason.length, `reason for ${k}`).toBeGreaterThan(20);
  });

  it("runs each one once, successfully, and each writes at least one event", async () => {
    const silent: string[] = [];
    for (const key of mutations().filter((m) => all[m])) {
      const f = all[key]!;
      const state = f.setup ? await f.setup(h) : undefined;
      await h.engine.usage.idle();
      const before = await countEvents();
      try {
        await f.run(h, state);
      } catch (err) {
        throw new Error(`${key} failed: ${(err as Error).message}`, { cause: err });
      }
      await h.engine.usage.idle();
      if ((await countEvents()) <= before) silent.push(key);
    }
    expect(silent, "these mutations changed something without an audit event").toEqual([]);
  });

  it("refuses each door this database does not offer, and it writes nothing", async () => {
    const found = mutations();
    for (const [key, refuse] of Object.entries(REFUSED_HERE)) {
      expect(found, key).toContain(key);
      expect(EXEMPT[key], `${key} is exempt here, with its reason`).toBeDefined();
      const before = await countEvents();
      await refuse(h);
      expect(await countEvents(), `${key} refused yet wrote an event`).toBe(before);
    }
  });

  it("no event holds a secret the fixtures handed in, and every chain verifies", async () => {
    const dump = await rows<{ t: string }>(tdb.db, sql`select coalesce(string_agg(e::text, E'\n'), '') as t from audit_events e`);
    for (const secret of h.secrets) expect(dump[0]!.t).not.toContain(secret);
    expect(await verifyAuditChain({ db: tdb.db })).toMatchObject({ ok: true, firstBreak: null });
  });
});
