import fc from "fast-check";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter, createCaller } from "@/server/api/root";
import type { ProjectCtx } from "@/server/context";
import type { SessionUser } from "@/server/users/authenticate";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { addMembership, createUser, projectWithMember } from "../support/factories";
import { createKeyConnection, fakeKey, saveTestFlow, step } from "../support/flows";
import { databaseFingerprint, FUZZ_SEED, inputFor, mandatoryInputs } from "../support/fuzz";

// Every tRPC procedure, found at run time (a new one is fuzzed without anyone listing it), called
// as a signed-in project admin who is also a platform admin, so calls get past authorization and
// into the services. No answer may be a 500, and a refused call must store nothing.

const RANDOM_RUNS = 100;

let tdb: TestDatabase;
let caller: ReturnType<typeof createCaller>;
let ids: { projectId: string; connectionId: string; otherUserId: string; flowId: string; externalId: string };

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { project, user, ctx } = await projectWithMember(tdb.db, "ADMIN");
  const other = await createUser(tdb.db);
  await addMembership(tdb.db, project.id, other.id, "EDITOR");
  const connection = await createKeyConnection(ctx as ProjectCtx, "Fuzz target");
  const flow = await saveTestFlow(ctx, { draft: [step("ask", connection.externalId)] });
  ids = { projectId: project.id, connectionId: connection.id, otherUserId: other.id, flowId: flow.id, externalId: connection.externalId };
  const sessionUser: SessionUser = { id: user.id, email: user.email, name: user.name, isPlatformAdmin: true };
  caller = createCaller({ db: tdb.db, user: sessionUser, requestOrigin: "http://localhost:3000" });
});

afterAll(async () => {
  await tdb?.dispose();
});

type AnyProcedure = { _def: { type: "query" | "mutation" | "subscription"; inputs?: unknown[] } };

function procedures(): Array<[string, AnyProcedure]> {
  return Object.entries((appRouter as unknown as { _def: { procedures: Record<string, AnyProcedure> } })._def.procedures);
}

/** The keys of a procedure's input objects, read from its zod schemas. */
function inputKeys(procedure: AnyProcedure): string[] {
  const keys = new Set<string>();
  for (const schema of procedure._def.inputs ?? []) {
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    if (shape) for (const key of Object.keys(shape)) keys.add(key);
  }
  return [...keys];
}

function plausibleValue(key: string): unknown {
  switch (key) {
    case "projectId":
      return ids.projectId;
    case "connectionId":
    case "fromConnectionId":
    case "toConnectionId":
      return ids.connectionId;
    case "connectionIds":
      return [ids.connectionId];
    case "userId":
      return ids.otherUserId;
    case "flowId":
      return ids.flowId;
    case "connection":
      return ids.externalId;
    case "pieceName":
      return "openai";
    case "pieces":
      return ["openai"];
    case "type":
      return "SECRET_TEXT";
    case "role":
      return "EDITOR";
    case "email":
      return "fuzz-member@example.com";
    case "credentials":
      return { secret_text: fakeKey() };
    case "scopes":
      return ["connections:read"];
    default:
      return undefined;
  }
}

const plausible = (key: string) => {
  const value = plausibleValue(key);
  if (value !== undefined) return fc.constant(value);
  if (/name$/i.test(key)) return fc.string({ minLength: 1, maxLength: 30 });
  if (key === "page" || key === "pageSize") return fc.integer({ min: 1, max: 5 });
  return null;
};

function call(path: string, input: unknown): Promise<unknown> {
  const target = path.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], caller);
  return (target as (input: unknown) => Promise<unknown>)(input);
}

describe(`fuzz: every tRPC procedure (${databaseLabel()})`, () => {
  const all = procedures();

  it("finds the router's procedures at run time", () => {
    expect(all.length).toBeGreaterThan(30);
  });

  it.each(all.map(([path, procedure]) => [path, procedure] as const))("%s never answers 500 and stores nothing when it refuses", async (path, procedure) => {
    const keys = inputKeys(procedure);
    const isQuery = procedure._def.type === "query";
    const start = await databaseFingerprint(tdb.db);
    let before = start;
    const check = async (input: unknown) => {
      try {
        await call(path, input);
        if (!isQuery) before = await databaseFingerprint(tdb.db);
      } catch (err) {
        expect(err, `${path} threw a non-tRPC error`).toBeInstanceOf(TRPCError);
        const code = (err as TRPCError).code;
        expect(code, `${path} answered ${code}: ${(err as Error).message}`).not.toBe("INTERNAL_SERVER_ERROR");
        // Queries are compared once, over the whole run (they may never write); mutations per call.
        if (!isQuery) expect(await databaseFingerprint(tdb.db), `${path} refused (${code}) but changed the database`).toBe(before);
      }
    };
    for (const input of mandatoryInputs(keys, plausibleValue)) await check(input);
    await fc.assert(fc.asyncProperty(inputFor(keys, plausible), check), { seed: FUZZ_SEED, numRuns: RANDOM_RUNS, endOnFailure: true });
    if (isQuery) expect(await databaseFingerprint(tdb.db), `${path} is a query but changed the database`).toBe(start);
  });
});
