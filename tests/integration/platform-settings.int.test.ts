import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { platform } from "@/server/db/schema";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { createUser, sessionPrincipal } from "../support/factories";
import { rows } from "../support/sql";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.dispose();
});

const settingEvents = () =>
  rows<{ actor_label: string; details: Record<string, unknown> }>(
    tdb.db,
    sql`select actor_label, details from audit_events where action = 'platform.settings_changed' order by id`,
  );

describe(`Admin → Settings: who can create projects (${databaseLabel()})`, () => {
  it("says so before setup, when there is nothing to change yet", async () => {
    const admin = createCaller({ db: tdb.db, principal: sessionPrincipal(await createUser(tdb.db, { admin: true })) });
    expect(await admin.admin.settings()).toEqual({ projectCreation: "ADMINS" });
    await expect(admin.admin.updateSettings({ projectCreation: "EVERYONE" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("is platform admins only by default, opens to everyone when an admin says so, and records each change", async () => {
    await tdb.db.insert(platform).values({ id: 1 });
    const adminUser = await createUser(tdb.db, { admin: true });
    const admin = createCaller({ db: tdb.db, principal: sessionPrincipal(adminUser) });
    const member = createCaller({ db: tdb.db, principal: sessionPrincipal(await createUser(tdb.db)) });

    expect(await member.project.mayCreate()).toBe(false);
    await expect(member.project.create({ name: "Mine" })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("platform admins") });
    expect(await admin.project.mayCreate()).toBe(true);
    expect((await admin.project.create({ name: "Admin's" })).name).toBe("Admin's");

    await expect(admin.admin.updateSettings({ projectCreation: "ANYONE" as "EVERYONE" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("projectCreation"),
    });
    expect(await admin.admin.updateSettings({ projectCreation: "EVERYONE" })).toEqual({ projectCreation: "EVERYONE" });
    expect(await admin.admin.settings()).toEqual({ projectCreation: "EVERYONE" });
    expect(await member.project.mayCreate()).toBe(true);
    expect((await member.project.create({ name: "Mine" })).name).toBe("Mine");

    // Saving the same value again is not a change.
    await admin.admin.updateSettings({ projectCreation: "EVERYONE" });
    await admin.admin.updateSettings({ projectCreation: "ADMINS" });
    await expect(member.project.create({ name: "Another" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const events = await settingEvents();
    expect(events.map((e) => e.details)).toEqual([
      { setting: "projectCreation", from: "ADMINS", to: "EVERYONE" },
      { setting: "projectCreation", from: "EVERYONE", to: "ADMINS" },
    ]);
    expect(events.every((e) => e.actor_label === adminUser.email)).toBe(true);
    expect((await admin.admin.settingsEvents()).map((e) => e.action)).toEqual(["platform.settings_changed", "platform.settings_changed"]);
  });
});
