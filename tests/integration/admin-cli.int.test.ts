import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { closeDatabase, getDatabase } from "@/server/db/client";
import type { Db } from "@/server/db/types";
import { signInWithPassword } from "@/server/users/sign-in-with-password";
import { userWithPassword } from "../support/accounts";
import { cli, runScript } from "../support/cli";
import { createTestDatabase, databaseLabel, testServerUrl, type TestDatabase } from "../support/db";
import { addMembership, createProject, createUser } from "../support/factories";
import { rows } from "../support/sql";

// The CLI opens the configured database itself (DATABASE_URL, else DATA_DIR's embedded one), as
// `npm run admin` does; between commands the test opens the same database to look.
let tdb: TestDatabase | undefined;
const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };

beforeAll(async () => {
  process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "cm-cli-"));
  if (testServerUrl()) {
    tdb = await createTestDatabase();
    process.env.DATABASE_URL = tdb.url!;
  } else {
    process.env.DATABASE_URL = "";
  }
  resetEnvCache();
});
afterAll(async () => {
  await closeDatabase();
  await tdb?.dispose();
  Object.assign(process.env, saved);
  resetEnvCache();
});

/** Opens the CLI's database for the test, and closes it again so the next command can open it. */
async function inDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  try {
    return await fn((await getDatabase()).db);
  } finally {
    await closeDatabase();
  }
}

const cliAudit = (db: Db, action: string) =>
  rows<{ actor_type: string; actor_label: string; details: Record<string, unknown> }>(
    db,
    sql`select actor_type, actor_label, details from audit_events where action = ${action} and project_id is null order by id`,
  );

// Every command opens and closes the database, as a separate `npm run admin` would: slow on PGlite.
const SLOW = 180_000;

describe(`admin CLI (${databaseLabel()})`, () => {
  it(
    "users:list, projects:list, users:disable / enable / make-admin, each change audited as system (cli)",
    async () => {
      const { dana, erin, project } = await inDb(async (db) => {
        const dana = await userWithPassword(db, "dana-Passw0rd-123");
        const erin = await createUser(db, { name: "Erin" });
        const project = await createProject(db, "CLI project");
        await addMembership(db, project.id, dana.id, "ADMIN");
        return { dana, erin, project };
      });

      const list = await cli(["users:list"]);
      expect(list).toMatchObject({ code: 0, stderr: "" });
      expect(list.stdout.split("\n")[0]).toMatch(/^EMAIL\s+NAME\s+ROLE\s+STATUS\s+PROJECTS$/);
      expect(list.stdout).toMatch(new RegExp(`${dana.email}\\s+\\S+\\s+user\\s+active\\s+1`));

      const projects = await cli(["projects:list"]);
      expect(projects.code).toBe(0);
      expect(projects.stdout).toMatch(new RegExp(`${project.id}\\s+CLI project\\s+1\\s+0\\s+${dana.email}`));

      expect(await cli(["users:disable", dana.email.toUpperCase()])).toMatchObject({ code: 0, stdout: `${dana.email} is now disabled.\n` });
      expect((await cli(["users:list"])).stdout).toMatch(new RegExp(`${dana.email}.*disabled`));
      await inDb(async (db) => {
        expect(await signInWithPassword({ ctx: { db }, input: { email: dana.email, password: "dana-Passw0rd-123", address: "cli-test" } })).toEqual({
          ok: false,
          reason: "disabled",
        });
      });
      expect(await cli(["users:enable", dana.email])).toMatchObject({ code: 0, stdout: `${dana.email} is now enabled.\n` });
      expect(await cli(["users:enable", dana.email])).toMatchObject({ code: 0, stdout: `${dana.email} was already enabled.\n` });
      expect(await cli(["users:make-admin", erin.email])).toMatchObject({ code: 0, stdout: `${erin.email} is now a platform admin.\n` });

      await inDb(async (db) => {
        for (const action of ["user.disabled", "user.enabled", "user.admin_granted"]) {
          const events = await cliAudit(db, action);
          expect(events, action).toHaveLength(1);
          expect(events[0]).toMatchObject({ actor_type: "SYSTEM", actor_label: "system (cli)" });
        }
        expect((await cliAudit(db, "user.admin_granted"))[0]!.details).toEqual({ userId: erin.id, email: erin.email });
      });
    },
    SLOW,
  );

  it(
    "users:reset-password prints a one-time password, or takes one from stdin; either must be changed at next sign-in",
    async () => {
      const user = await inDb((db) => userWithPassword(db, "old-Passw0rd-1234"));
      const generated = await cli(["users:reset-password", user.email]);
      expect(generated.code).toBe(0);
      const oneTime = /One-time password for \S+: (\S+)\n/.exec(generated.stdout)?.[1];
      expect(oneTime).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);

      const piped = await cli(["users:reset-password", user.email, "--stdin"], "piped-Passw0rd-99\n");
      expect(piped).toMatchObject({ code: 0, stdout: expect.stringContaining(`Password set for ${user.email}.`) });
      expect(await cli(["users:reset-password", user.email, "--stdin"], "short\n")).toMatchObject({
        code: 1,
        stderr: "Error: password: Use at least 10 characters\n",
      });

      await inDb(async (db) => {
        const signIn = (password: string) => signInWithPassword({ ctx: { db }, input: { email: user.email, password, address: "cli-test" } });
        expect(await signIn(oneTime!)).toEqual({ ok: false, reason: "invalid" });
        expect(await signIn("piped-Passw0rd-99")).toMatchObject({ ok: true, user: { mustChangePassword: true } });
        const events = await cliAudit(db, "user.password_reset");
        expect(events.map((e) => [e.actor_label, e.details.generated])).toEqual([
          ["system (cli)", true],
          ["system (cli)", false],
        ]);
        expect(JSON.stringify(events)).not.toContain("piped-Passw0rd-99");
      });
    },
    SLOW,
  );

  it(
    "wrong usage and unknown accounts are clear one-liners with non-zero exit codes",
    async () => {
      expect(await cli(["users:disable"])).toMatchObject({ code: 2, stderr: "Usage: npm run admin -- users:disable <email>\n" });
      expect(await cli(["users:disable", "nobody@example.test"])).toMatchObject({ code: 1, stderr: "Error: No account uses nobody@example.test\n" });
      const unknown = await cli(["users:delete-everything"]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain("Unknown command: users:delete-everything");
      const help = await cli(["help"]);
      expect(help.code).toBe(0);
      for (const name of ["users:list", "users:reset-password", "users:disable", "users:enable", "users:make-admin", "projects:list"])
        expect(help.stdout).toContain(name);
    },
    SLOW,
  );

  it(
    "refuses at once, naming the holder's pid, while another process has the embedded data folder open",
    async () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), "cm-cli-locked-"));
      const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };
      process.env.DATABASE_URL = "";
      process.env.DATA_DIR = dataDir;
      resetEnvCache();
      try {
        await getDatabase(); // this test process plays the running app
        // A CLI that waited for the lock would still be waiting when the lock is released below.
        const other = await runScript("scripts/admin.ts", ["users:list"], { DATA_DIR: dataDir, DATABASE_URL: "" });
        expect(other.code).toBe(1);
        expect(other.stderr).toBe(`Error: the app is running on this data folder (pid ${process.pid}); stop it first\n`);
      } finally {
        await closeDatabase();
        Object.assign(process.env, saved);
        resetEnvCache();
      }
      // Released: the CLI process now opens it and exits, releasing it in turn.
      const after = await runScript("scripts/admin.ts", ["users:list"], { DATA_DIR: dataDir, DATABASE_URL: "" });
      expect(after).toMatchObject({ code: 0, stderr: "" });
    },
    SLOW,
  );
});
