import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { createUser, projectWithMember } from "../support/factories";
import { rows } from "../support/sql";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.dispose();
});

describe(`Admin → Users (${databaseLabel()})`, () => {
  it("a platform admin creates an account; the creation is recorded for platform admins, without the password", async () => {
    const admin = await createUser(tdb.db, { admin: true });
    const api = createCaller({ db: tdb.db, user: { ...admin, isPlatformAdmin: true } });
    const password = "initial-Passw0rd-for-dana";
    const dana = await api.admin.createUser({ name: "Dana", email: "Dana.Created@example.test", password, isPlatformAdmin: false });
    expect(dana).toMatchObject({ email: "dana.created@example.test", isPlatformAdmin: false });

    const events = (await api.admin.userEvents()).filter((e) => e.actorLabel === admin.email);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "user.created",
      actorType: "USER",
      details: { userId: dana.id, email: dana.email, name: "Dana", platformAdmin: false },
    });
    const leaked = await rows<{ n: number }>(tdb.db, sql`select count(*)::int as n from audit_events where details::text like ${`%${password}%`}`);
    expect(leaked[0]!.n).toBe(0);
    // Not an OAuth app change, and in no project's log.
    expect((await api.oauthApp.events()).some((e) => e.action === "user.created")).toBe(false);
    const [inProjects] = await rows<{ n: number }>(
      tdb.db,
      sql`select count(*)::int as n from audit_events where action = 'user.created' and project_id is not null`,
    );
    expect(inProjects!.n).toBe(0);
  });

  it("refuses a duplicate e-mail, bad input and non-admins, and records nothing then", async () => {
    const admin = await createUser(tdb.db, { admin: true });
    const api = createCaller({ db: tdb.db, user: { ...admin, isPlatformAdmin: true } });
    const existing = await createUser(tdb.db);
    await expect(
      api.admin.createUser({ name: "Twin", email: existing.email.toUpperCase(), password: "another-Passw0rd-1", isPlatformAdmin: false }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: `An account already uses ${existing.email.toLowerCase()}`,
    });
    await expect(api.admin.createUser({ name: "", email: "not-an-email", password: "short", isPlatformAdmin: false })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const { user } = await projectWithMember(tdb.db, "ADMIN");
    const projectAdmin = createCaller({ db: tdb.db, user });
    await expect(
      projectAdmin.admin.createUser({ name: "Sneaky", email: "sneaky@example.test", password: "sneaky-Passw0rd-1", isPlatformAdmin: true }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(projectAdmin.admin.userEvents()).rejects.toMatchObject({ code: "FORBIDDEN" });

    expect((await api.admin.userEvents()).filter((e) => e.actorLabel === admin.email)).toEqual([]);
    const [accounts] = await rows<{ n: number }>(
      tdb.db,
      sql`select count(*)::int as n from users where lower(email) in (${existing.email.toLowerCase()}, 'sneaky@example.test')`,
    );
    expect(accounts!.n).toBe(1);
  });
});
