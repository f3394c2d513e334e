import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sessionUser } from "@/server/authz/who-is-asking";
import { SESSION_COOKIE_NAMES } from "@/server/auth/session-token";
import { users } from "@/server/db/schema";
import { resolveAuthSecret } from "@/server/secrets/auth-secret";
import { endUserSessions } from "@/server/users/end-sessions";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { createUser } from "../support/factories";

// The request's cookies and the protocol Next reports for it, as Next hands them to a page, route
// handler or server action. Everything behind them is real: next-auth's sealing, the decryption,
// the account check on the database.
const jar: { name: string; value: string }[] = [];
const request = { proto: "http" as string | null };
vi.mock("next/headers", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/headers")>()),
  cookies: async () => ({ getAll: () => [...jar] }),
  headers: async () => new Headers(request.proto ? { "x-forwarded-proto": request.proto } : {}),
}));

const [SECURE, PLAIN] = SESSION_COOKIE_NAMES;
/** A session cookie exactly as next-auth seals it at sign-in (its name is the key-derivation salt). */
const seal = (token: Record<string, unknown>, salt: string, maxAge = 3600) => encode({ token, secret: resolveAuthSecret(), salt, maxAge });

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.dispose();
});
beforeEach(() => {
  jar.length = 0;
  request.proto = "http";
});

describe(`the session cookie at every door (${databaseLabel()})`, () => {
  it("reads the cookie next-auth names for the request: plain over http, __Secure- over https, whole or in chunks", async () => {
    const user = await createUser(tdb.db);
    expect(await sessionUser(tdb.db)).toBeNull();

    jar.push({ name: PLAIN, value: await seal({ uid: user.id, sv: 0 }, PLAIN) });
    expect(await sessionUser(tdb.db)).toMatchObject({ id: user.id, email: user.email });
    // Over https next-auth reads only the __Secure- cookie: a plain one could have been planted
    // by a page served over http.
    request.proto = "https";
    expect(await sessionUser(tdb.db)).toBeNull();
    request.proto = null; // next-auth's default when nothing says: https
    expect(await sessionUser(tdb.db)).toBeNull();

    jar.length = 0;
    jar.push({ name: SECURE, value: await seal({ uid: user.id, sv: 0 }, SECURE) });
    request.proto = "https";
    expect(await sessionUser(tdb.db)).toMatchObject({ id: user.id });
    request.proto = "http";
    expect(await sessionUser(tdb.db)).toBeNull();

    // A cookie over 4 KB is split by next-auth into name.0, name.1, …: put back in order.
    const long = await seal({ uid: user.id, sv: 0, padding: "x".repeat(5000) }, PLAIN);
    jar.length = 0;
    jar.push({ name: `${PLAIN}.1`, value: long.slice(3000) }, { name: `${PLAIN}.0`, value: long.slice(0, 3000) });
    expect(await sessionUser(tdb.db)).toMatchObject({ id: user.id });
  });

  it("refuses a cookie sealed under the other name, tampered with, expired, or with another secret", async () => {
    const user = await createUser(tdb.db);
    const good = await seal({ uid: user.id, sv: 0 }, PLAIN);
    const cases: [string, { name: string; value: string }, string][] = [
      ["sealed as plain, sent as __Secure- over https", { name: SECURE, value: good }, "https"],
      ["one character changed", { name: PLAIN, value: `${good.slice(0, 60)}${good[60] === "A" ? "B" : "A"}${good.slice(61)}` }, "http"],
      ["expired a minute ago", { name: PLAIN, value: await seal({ uid: user.id, sv: 0 }, PLAIN, -60) }, "http"],
      [
        "another secret",
        { name: PLAIN, value: await encode({ token: { uid: user.id, sv: 0 }, secret: "another-secret-of-at-least-32-bytes!!", salt: PLAIN }) },
        "http",
      ],
      ["not a token at all", { name: PLAIN, value: "\u0000not-a-jwe" }, "http"],
    ];
    for (const [label, cookie, proto] of cases) {
      jar.length = 0;
      jar.push(cookie);
      request.proto = proto;
      expect(await sessionUser(tdb.db), label).toBeNull();
    }
    // The same cookie, untouched, is read: the refusals above are the changes'.
    jar.length = 0;
    jar.push({ name: PLAIN, value: good });
    request.proto = "http";
    expect(await sessionUser(tdb.db)).toMatchObject({ id: user.id });
  });

  it("checks the account on every read: sign-out everywhere, a disabled account, a removed one", async () => {
    const user = await createUser(tdb.db);
    jar.push({ name: PLAIN, value: await seal({ uid: user.id, sv: 0 }, PLAIN) });
    expect(await sessionUser(tdb.db)).toMatchObject({ id: user.id });

    await endUserSessions({ ctx: { db: tdb.db }, input: { userId: user.id } });
    expect(await sessionUser(tdb.db)).toBeNull();

    jar.length = 0;
    jar.push({ name: PLAIN, value: await seal({ uid: user.id, sv: 1 }, PLAIN) });
    expect(await sessionUser(tdb.db)).toMatchObject({ id: user.id });
    await tdb.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect(await sessionUser(tdb.db)).toBeNull();

    jar.length = 0;
    jar.push({ name: PLAIN, value: await seal({ uid: "no-such-user", sv: 0 }, PLAIN) });
    expect(await sessionUser(tdb.db)).toBeNull();
  });
});
