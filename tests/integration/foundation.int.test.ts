import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { openDatabase } from "@/server/db/client";
import { completeSetup } from "@/server/setup/complete-setup";
import { isSetupComplete } from "@/server/setup/get-setup-state";
import { authenticateWithPassword } from "@/server/users/authenticate";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { addMembership, createProject, createUser, projectWithMember } from "../support/factories";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.dispose();
});

function callerFor(user: { id: string; email: string; name: string; isPlatformAdmin: boolean } | null) {
  return createCaller({ db: tdb.db, user });
}

describe(`migrations (${databaseLabel()})`, () => {
  it("apply on a fresh database and create every table", async () => {
    const rows = await tdb.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    const names = (rows as unknown as { rows?: { table_name: string }[] }).rows ?? (rows as unknown as { table_name: string }[]);
    const tables = names.map((r) => r.table_name);
    for (const t of ["users", "projects", "memberships", "platform", "connections", "audit_events"]) expect(tables).toContain(t);
  });

  it("re-running them is a no-op", async () => {
    if (tdb.url) {
      const again = await openDatabase({ url: tdb.url });
      await again.close();
    }
    const [row] = await tdb.db
      .execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)
      .then((r) => (r as unknown as { rows?: { n: number }[] }).rows ?? (r as unknown as { n: number }[]));
    expect(row!.n).toBeGreaterThanOrEqual(2);
  });
});

describe("first-run setup", () => {
  it("creates the owner as platform admin with a first project, exactly once", async () => {
    expect(await isSetupComplete(tdb.db)).toBe(false);
    const input = { name: "Owner", email: "Owner@Example.test", password: "correct horse battery", projectName: "First" };
    const { userId, projectId } = await completeSetup({ db: tdb.db, input });
    expect(await isSetupComplete(tdb.db)).toBe(true);
    const owner = await authenticateWithPassword(tdb.db, { email: "owner@example.test", password: input.password });
    expect(owner).toMatchObject({ id: userId, isPlatformAdmin: true });
    expect(await authenticateWithPassword(tdb.db, { email: "owner@example.test", password: "wrong password!" })).toBeNull();
    const projects = await callerFor(owner).project.listMine();
    expect(projects).toEqual([{ id: projectId, name: "First", role: "ADMIN" }]);
    await expect(completeSetup({ db: tdb.db, input: { ...input, email: "other@example.test" } })).rejects.toThrow("Setup has already been completed");
  });

  it("refuses bad input with a clear message and stores nothing", async () => {
    const before = await tdb.db.execute(sql`select count(*)::int as n from users`);
    await expect(completeSetup({ db: tdb.db, input: { name: "", email: "nope", password: "short", projectName: "x" } })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    const after = await tdb.db.execute(sql`select count(*)::int as n from users`);
    expect(after).toEqual(before);
  });
});

describe("membership and roles", () => {
  it("a non-member reading another project gets not found, exactly like a missing project", async () => {
    const { project } = await projectWithMember(tdb.db, "ADMIN");
    const outsider = { ...(await createUser(tdb.db)), isPlatformAdmin: false };
    await expect(callerFor(outsider).project.get({ projectId: project.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Project not found",
    });
    await expect(callerFor(outsider).project.get({ projectId: "does-not-exist" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Project not found",
    });
    await expect(callerFor(outsider).member.list({ projectId: project.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a viewer can read but a viewer's write is refused", async () => {
    const project = await createProject(tdb.db);
    const viewer = await createUser(tdb.db);
    const other = await createUser(tdb.db);
    await addMembership(tdb.db, project.id, viewer.id, "VIEWER");
    const api = callerFor({ ...viewer, isPlatformAdmin: false });
    expect(await api.member.list({ projectId: project.id })).toHaveLength(1);
    await expect(api.member.add({ projectId: project.id, email: other.email, role: "VIEWER" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await api.member.list({ projectId: project.id })).toHaveLength(1);
  });

  it("unauthenticated callers are refused", async () => {
    await expect(callerFor(null).project.listMine()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("an admin adds, re-roles and removes members; the last admin cannot leave", async () => {
    const { project, user: admin } = await projectWithMember(tdb.db, "ADMIN");
    const api = callerFor({ ...admin, isPlatformAdmin: false });
    const newcomer = await createUser(tdb.db, { email: "New.Person@example.test" });
    await api.member.add({ projectId: project.id, email: "new.person@EXAMPLE.test", role: "EDITOR" });
    await expect(api.member.add({ projectId: project.id, email: newcomer.email, role: "EDITOR" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(api.member.add({ projectId: project.id, email: "nobody@example.test", role: "EDITOR" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await api.member.changeRole({ projectId: project.id, userId: newcomer.id, role: "VIEWER" });
    expect((await api.member.list({ projectId: project.id })).find((m) => m.userId === newcomer.id)?.role).toBe("VIEWER");
    await expect(api.member.changeRole({ projectId: project.id, userId: admin.id, role: "EDITOR" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(api.member.remove({ projectId: project.id, userId: admin.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await api.member.remove({ projectId: project.id, userId: newcomer.id });
    expect(await api.member.list({ projectId: project.id })).toHaveLength(1);
  });
});
