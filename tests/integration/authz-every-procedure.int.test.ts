import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deserialize, serialize } from "@/lib/trpc-transformer";
import { appRouter, createCaller } from "@/server/api/root";
import type { ProcedureAccess, ProcedureMeta } from "@/server/api/trpc";
import { PICKER_PROCEDURE_PATHS } from "@/server/authz/picker";
import type { Principal } from "@/server/authz/principal";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { EXPECTED_PICKER_PROCEDURES, PROCEDURE_INPUTS, PUBLIC_PROCEDURES } from "../support/procedure-inputs";
import { securityWorld, snapshotTables, type SecurityWorld } from "../support/security";

// Every procedure of the router, found at run time: one added tomorrow is called here too.
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string; meta?: ProcedureMeta } }>).map(
  ([path, p]) => ({ path, type: p._def.type, access: p._def.meta?.access }),
);

let tdb: TestDatabase;
let w: SecurityWorld;
beforeAll(async () => {
  tdb = await createTestDatabase();
  w = await securityWorld(tdb.db);
});
afterAll(async () => {
  await tdb?.dispose();
});

function inputFor(path: string): unknown {
  const fixture = PROCEDURE_INPUTS[path];
  if (!fixture) throw new Error(`No input fixture for procedure "${path}": add it to tests/support/procedure-inputs.ts`);
  return fixture(w);
}

/** The procedure's answer as a code: "OK", or the tRPC error code. */
async function outcome(principal: Principal, path: string, input: unknown): Promise<string> {
  const caller = createCaller({ db: tdb.db, principal }) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
  const [router, name] = path.split(".") as [string, string];
  let answer: unknown;
  try {
    answer = await caller[router]![name]!(input);
  } catch (err) {
    return err instanceof TRPCError ? err.code : `THREW ${String(err)}`;
  }
  // The browser gets the answer through the transformer (JSON and Dates only): it must arrive unchanged.
  try {
    expect(deserialize(JSON.parse(JSON.stringify(serialize(answer))))).toEqual(answer);
  } catch (err) {
    return `NOT CARRIED ${String(err).slice(0, 300)}`;
  }
  return "OK";
}

const PROJECT_ROLES: ProcedureAccess[] = ["VIEWER", "EDITOR", "ADMIN"];

/** Who must be refused what, and with which answer (a stranger learns nothing of the project). */
const refusals: {
  who: keyof SecurityWorld["principals"];
  refused: (p: (typeof procedures)[number]) => boolean;
  codes: (access: ProcedureAccess) => string[];
}[] = [
  { who: "anonymous", refused: (p) => p.access !== "PUBLIC", codes: () => ["UNAUTHORIZED"] },
  {
    who: "outsider",
    refused: (p) => p.access !== "PUBLIC" && p.access !== "SIGNED_IN",
    codes: (a) => (PROJECT_ROLES.includes(a) ? ["NOT_FOUND"] : ["FORBIDDEN"]),
  },
  {
    who: "otherProjectAdmin",
    refused: (p) => p.access !== "PUBLIC" && p.access !== "SIGNED_IN",
    codes: (a) => (PROJECT_ROLES.includes(a) ? ["NOT_FOUND"] : ["FORBIDDEN"]),
  },
  { who: "viewer", refused: (p) => !["PUBLIC", "SIGNED_IN", "VIEWER"].includes(p.access!), codes: () => ["FORBIDDEN"] },
  { who: "editor", refused: (p) => !["PUBLIC", "SIGNED_IN", "VIEWER", "EDITOR"].includes(p.access!), codes: () => ["FORBIDDEN"] },
  { who: "picker", refused: (p) => !PICKER_PROCEDURE_PATHS.includes(p.path), codes: () => ["FORBIDDEN"] },
];

describe(`every tRPC procedure, enumerated (${databaseLabel()})`, () => {
  it("declares what it needs, has an input fixture, and only listed ones are public", () => {
    expect(procedures.length).toBeGreaterThan(30);
    expect(procedures.filter((p) => !p.access).map((p) => p.path)).toEqual([]);
    expect(procedures.filter((p) => !PROCEDURE_INPUTS[p.path]).map((p) => p.path)).toEqual([]);
    expect(Object.keys(PROCEDURE_INPUTS).filter((path) => !procedures.some((p) => p.path === path))).toEqual([]);
    expect(procedures.filter((p) => p.access === "PUBLIC").map((p) => p.path)).toEqual(PUBLIC_PROCEDURES);
    expect([...PICKER_PROCEDURE_PATHS].sort()).toEqual([...EXPECTED_PICKER_PROCEDURES].sort());
  });

  it("keeps every change out of viewers' and the public's reach, and keys, members and notifications for project admins", () => {
    const open = procedures.filter((p) => p.type === "mutation" && (p.access === "PUBLIC" || p.access === "VIEWER"));
    expect(open.map((p) => p.path)).toEqual([]);
    const adminOnly = procedures.filter((p) => /^(apiKey|member|notifications|transfer)\./.test(p.path) && p.type === "mutation");
    expect(adminOnly.filter((p) => p.access !== "ADMIN").map((p) => p.path)).toEqual([]);
    expect(procedures.filter((p) => /^(admin|encryption|oauthApp)\./.test(p.path) && p.access !== "PLATFORM_ADMIN").map((p) => p.path)).toEqual([]);
    expect(procedures.find((p) => p.path === "apiKey.list")?.access).toBe("ADMIN");
  });

  for (const { who, refused, codes } of refusals) {
    it(`refuses ${who} everything outside its rights, and nothing changes`, async () => {
      const before = await snapshotTables(tdb.db);
      const wrong: string[] = [];
      let called = 0;
      for (const p of procedures.filter(refused)) {
        called++;
        const got = await outcome(w.principals[who], p.path, inputFor(p.path));
        if (!codes(p.access!).includes(got)) wrong.push(`${p.path} (${p.access}): ${got}, expected ${codes(p.access!).join("/")}`);
      }
      expect(wrong).toEqual([]);
      expect(called).toBeGreaterThan(0);
      expect(await snapshotTables(tdb.db)).toEqual(before);
    });
  }

  it("refuses a picker session its own procedures on any other project, and nothing changes", async () => {
    const before = await snapshotTables(tdb.db);
    const wrong: string[] = [];
    for (const path of PICKER_PROCEDURE_PATHS) {
      const input = { ...(inputFor(path) as object), projectId: w.b.project.id };
      const got = await outcome(w.principals.picker, path, input);
      if (got !== "NOT_FOUND") wrong.push(`${path}: ${got}`);
    }
    expect(wrong).toEqual([]);
    expect(await snapshotTables(tdb.db)).toEqual(before);
  });

  it("answers every query for the least principal its declaration admits (the declarations are honest)", async () => {
    const least: Record<ProcedureAccess, Principal> = {
      PUBLIC: w.principals.anonymous,
      SIGNED_IN: w.principals.outsider,
      PROJECT_CREATOR: w.principals.platformAdmin,
      VIEWER: w.principals.viewer,
      EDITOR: w.principals.editor,
      ADMIN: w.principals.admin,
      PLATFORM_ADMIN: w.principals.platformAdmin,
    };
    const wrong: string[] = [];
    for (const p of procedures.filter((q) => q.type === "query")) {
      const got = await outcome(least[p.access!], p.path, inputFor(p.path));
      if (got !== "OK") wrong.push(`${p.path} (${p.access}): ${got}`);
    }
    for (const path of PICKER_PROCEDURE_PATHS.filter((x) => procedures.find((p) => p.path === x)?.type === "query")) {
      const got = await outcome(w.principals.picker, path, inputFor(path));
      if (got !== "OK") wrong.push(`picker ${path}: ${got}`);
    }
    expect(wrong).toEqual([]);
  });
});
