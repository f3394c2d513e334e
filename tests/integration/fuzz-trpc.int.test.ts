import fc from "fast-check";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter, createCaller } from "@/server/api/root";
import type { ProjectCtx } from "@/server/context";
import type { SessionUser } from "@/server/users/authenticate";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { addMembership, createUser, projectWithMember } from "../support/factories";
import { createKeyConnection, fakeKey, saveTestFlow, step } from "../support/flows";
import { arbitraryFor, databaseFingerprint, FUZZ_SEED, mandatoryInputs, shapeOfZod, type Shape } from "../support/fuzz";

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

/** A procedure's input structure: its zod input schemas (chained .input() calls merge), read at run time. */
function inputShape(procedure: AnyProcedure): Shape {
  const fields: Record<string, Shape> = {};
  for (const schema of procedure._def.inputs ?? []) {
    const shape = shapeOfZod(schema);
    if (shape.kind === "object") Object.assign(fields, shape.fields);
  }
  return { kind: "object", fields };
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
    const shape = inputShape(procedure);
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
    for (const input of mandatoryInputs(shape, plausibleValue)) await check(input);
    await fc.assert(fc.asyncProperty(arbitraryFor(shape, plausibleValue), check), { seed: FUZZ_SEED, numRuns: RANDOM_RUNS, endOnFailure: true });
    if (isQuery) expect(await databaseFingerprint(tdb.db), `${path} is a query but changed the database`).toBe(start);
  });
});
