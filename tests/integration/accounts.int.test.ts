import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { changePassword } from "@/server/users/change-password";
import { endUserSessions } from "@/server/users/end-sessions";
import { authenticateWithPassword, getUserById, sessionUserFromToken, upsertOidcUser } from "@/server/users/authenticate";
import { signInWithPassword } from "@/server/users/sign-in-with-password";
import { userWithPassword } from "../support/accounts";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { createUser, userActor } from "../support/factories";
import { rows } from "../support/sql";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.dispose();
});

const PASSWORD = "the-first-Passw0rd";
const signIn = (email: string, password: string) => signInWithPassword({ ctx: { db: tdb.db }, input: { email, password, address: "198.51.100.9" } });
const adminCaller = async () => {
  const admin = await createUser(tdb.db, { admin: true });
  return { admin, api: createCaller({ db: tdb.db, user: { ...admin, isPlatformAdmin: true } }) };
};
const events = (action: string, userId: string) =>
  rows<{ actor_label: string; details: Record<string, unknown> }>(
    tdb.db,
    sql`select actor_label, details from audit_events where action = ${action} and details->>'userId' = ${userId} and project_id is null order by id`,
  );

describe(`sessions end (${databaseLabel()})`, () => {
  it("a token carries the session version it was issued with; sign-out bumps it and the old token stops working", async () => {
    const user = await userWithPassword(tdb.db, PASSWORD);
    const signedIn = await signIn(user.email, PASSWORD);
    if (!signedIn.ok) throw new Error("sign-in failed");
    const token = { uid: user.id, sv: signedIn.user.sessionVersion };
    expect(await sessionUserFromToken(tdb.db, token)).toMatchObject({ id: user.id });
    expect(await sessionUserFromToken(tdb.db, { uid: user.id })).toMatchObject({ id: user.id }); // tokens from before versions: 0

    await endUserSessions({ ctx: { db: tdb.db }, input: { userId: user.id } });
    expect(await sessionUserFromToken(tdb.db, token)).toBeNull();
    expect(await sessionUserFromToken(tdb.db, { uid: user.id, sv: token.sv + 1 })).toMatchObject({ id: user.id });
    expect(await sessionUserFromToken(tdb.db, { uid: "no-such-user", sv: 0 })).toBeNull();
  });

  it("change password: wrong current password refused, new one works, old one and old sessions do not, audited without secrets", async () => {
    const user = await userWithPassword(tdb.db, PASSWORD);
    const ctx = { db: tdb.db, actor: userActor(user) };
    const next = "a-brand-new-Passw0rd";
    await expect(changePassword({ ctx, input: { currentPassword: "not-it-at-all", newPassword: next, confirmPassword: next } })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { currentPassword: "The current password is wrong" },
    });
    await expect(changePassword({ ctx, input: { currentPassword: PASSWORD, newPassword: next, confirmPassword: "different-Passw0rd" } })).rejects.toMatchObject(
      {
        fieldErrors: { confirmPassword: "The passwords do not match" },
      },
    );
    await expect(changePassword({ ctx, input: { currentPassword: PASSWORD, newPassword: "short", confirmPassword: "short" } })).rejects.toMatchObject({
      fieldErrors: { newPassword: "Use at least 10 characters" },
    });
    expect(await events("user.password_changed", user.id)).toEqual([]);

    await changePassword({ ctx, input: { currentPassword: PASSWORD, newPassword: next, confirmPassword: next } });
    expect(await sessionUserFromToken(tdb.db, { uid: user.id, sv: 0 })).toBeNull();
    expect(await signIn(user.email, PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(user.email, next)).toMatchObject({ ok: true, user: { sessionVersion: 1 } });
    const audit = await events("user.password_changed", user.id);
    expect(audit).toEqual([{ actor_label: user.email, details: { userId: user.id, email: user.email } }]);
    const leaked = await rows<{ n: number }>(
      tdb.db,
      sql`select count(*)::int as n from audit_events where details::text like ${`%${next}%`} or details::text like ${`%${PASSWORD}%`}`,
    );
    expect(leaked[0]!.n).toBe(0);
  });
});

describe(`Admin → Users: disable, enable, reset password, platform admin (${databaseLabel()})`, () => {
  it("a disabled user is refused at sign-in (password and SSO), loses every session, and is back after enable", async () => {
    const { admin, api } = await adminCaller();
    const user = await userWithPassword(tdb.db, PASSWORD);
    await tdb.db.execute(sql`insert into user_identities (provider, subject, user_id) values ('oidc', ${`sub-${user.id}`}, ${user.id})`);

    expect(await api.admin.setDisabled({ userId: user.id, disabled: true })).toMatchObject({ disabled: true, changed: true });
    expect(await sessionUserFromToken(tdb.db, { uid: user.id, sv: 0 })).toBeNull();
    expect(await sessionUserFromToken(tdb.db, { uid: user.id, sv: 1 })).toBeNull();
    expect(await getUserById(tdb.db, user.id)).toBeNull(); // the embedded picker's token path too
    expect(await signIn(user.email, PASSWORD)).toEqual({ ok: false, reason: "disabled" });
    expect(await upsertOidcUser(tdb.db, { provider: "oidc", subject: `sub-${user.id}`, email: user.email, emailVerified: true })).toMatchObject({
      disabled: true,
    });
    expect((await api.admin.listUsers()).find((u) => u.id === user.id)?.disabledAt).toBeInstanceOf(Date);

    expect(await api.admin.setDisabled({ userId: user.id, disabled: false })).toMatchObject({ disabled: false, changed: true });
    expect(await signIn(user.email, PASSWORD)).toMatchObject({ ok: true, user: { sessionVersion: 1 } });
    expect((await events("user.disabled", user.id)).map((e) => e.actor_label)).toEqual([admin.email]);
    expect(await events("user.enabled", user.id)).toHaveLength(1);
  });

  it("nobody disables themselves or the last platform admin, nor revokes it; nothing is recorded then", async () => {
    const { admin, api } = await adminCaller();
    await expect(api.admin.setDisabled({ userId: admin.id, disabled: true })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "You cannot disable your own account",
    });
    await expect(api.admin.setPlatformAdmin({ userId: admin.id, isPlatformAdmin: false })).rejects.toMatchObject({ code: "CONFLICT" });
    // Make every other admin of this shared database a plain user, so `admin` is the last one.
    await tdb.db.execute(sql`update users set is_platform_admin = false where id <> ${admin.id}`);
    const { changed } = await createCaller({ db: tdb.db, user: { ...admin, isPlatformAdmin: true } }).admin.setPlatformAdmin({
      userId: admin.id,
      isPlatformAdmin: true,
    });
    expect(changed).toBe(false);
    const systemCtx = { db: tdb.db, actor: { type: "SYSTEM" as const, id: null, label: "system (cli)" } };
    const { setUserDisabled } = await import("@/server/users/set-user-disabled");
    await expect(setUserDisabled({ ctx: systemCtx, input: { userId: admin.id, disabled: true } })).rejects.toMatchObject({
      message: "You cannot disable the last platform admin",
    });
    const { setPlatformAdmin } = await import("@/server/users/set-platform-admin");
    await expect(setPlatformAdmin({ ctx: systemCtx, input: { userId: admin.id, isPlatformAdmin: false } })).rejects.toMatchObject({
      message: "You cannot revoke the last platform admin",
    });
    expect(await events("user.disabled", admin.id)).toEqual([]);
    expect(await events("user.admin_revoked", admin.id)).toEqual([]);
  });

  it("grants and revokes platform admin rights, audited; non-admins cannot call any of it", async () => {
    const { admin, api } = await adminCaller();
    const user = await createUser(tdb.db);
    expect(await api.admin.setPlatformAdmin({ userId: user.id, isPlatformAdmin: true })).toMatchObject({ isPlatformAdmin: true, changed: true });
    expect((await getUserById(tdb.db, user.id))?.isPlatformAdmin).toBe(true);
    await api.admin.setPlatformAdmin({ userId: user.id, isPlatformAdmin: false });
    expect((await events("user.admin_granted", user.id)).map((e) => e.actor_label)).toEqual([admin.email]);
    expect(await events("user.admin_revoked", user.id)).toHaveLength(1);

    const plain = createCaller({ db: tdb.db, user: { ...user, isPlatformAdmin: false } });
    await expect(plain.admin.setDisabled({ userId: admin.id, disabled: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(plain.admin.resetPassword({ userId: admin.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(plain.admin.setPlatformAdmin({ userId: user.id, isPlatformAdmin: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.admin.setDisabled({ userId: "no-such-user", disabled: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(api.admin.setDisabled({ userId: "", disabled: true })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("reset password: a one-time password shown once works, ends old sessions, lifts a lock, and must be changed", async () => {
    const { admin, api } = await adminCaller();
    const user = await userWithPassword(tdb.db, PASSWORD);
    for (let i = 1; i <= 5; i++) await signIn(user.email, `wrong-${i}`);
    expect(await signIn(user.email, PASSWORD)).toMatchObject({ reason: "locked" });

    const { oneTimePassword } = await api.admin.resetPassword({ userId: user.id });
    expect(oneTimePassword).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(await sessionUserFromToken(tdb.db, { uid: user.id, sv: 0 })).toBeNull();
    expect(await signIn(user.email, PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(user.email, oneTimePassword!)).toMatchObject({ ok: true, user: { mustChangePassword: true } });

    const chosen = "admin-chosen-Passw0rd";
    expect(await api.admin.resetPassword({ userId: user.id, password: chosen })).toMatchObject({ oneTimePassword: null });
    expect(await authenticateWithPassword(tdb.db, { email: user.email, password: chosen })).toMatchObject({ mustChangePassword: true });
    await changePassword({
      ctx: { db: tdb.db, actor: userActor(user) },
      input: { currentPassword: chosen, newPassword: "my-own-Passw0rd-now", confirmPassword: "my-own-Passw0rd-now" },
    });
    expect(await getUserById(tdb.db, user.id)).toMatchObject({ mustChangePassword: false });

    await expect(api.admin.resetPassword({ userId: admin.id })).rejects.toMatchObject({ code: "CONFLICT" });
    const audit = await events("user.password_reset", user.id);
    expect(audit.map((a) => a.details.generated)).toEqual([true, false]);
    const leaked = await rows<{ n: number }>(
      tdb.db,
      sql`select count(*)::int as n from audit_events where details::text like ${`%${oneTimePassword}%`} or details::text like ${`%${chosen}%`}`,
    );
    expect(leaked[0]!.n).toBe(0);
  });
});
