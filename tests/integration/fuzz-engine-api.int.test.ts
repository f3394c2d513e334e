import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { apiKey } from "../support/engine-api";
import { projectWithMember } from "../support/factories";
import { createKeyConnection, saveTestFlow, step } from "../support/flows";
import { arbitraryFor, databaseFingerprint, FUZZ_SEED, mandatoryInputs, shapeOfJsonSchema, type Shape } from "../support/fuzz";
import { createEngineApp } from "@/server/http/engine-app";
import { openApiDocument } from "@/server/http/openapi";

// Every /api/v1 route that takes a JSON body, read from the OpenAPI document (a new one is fuzzed
// without anyone listing it): bodies built from its schema's keys with nasty values, raw text that
// is not JSON at all, and bodies nested far too deep. No 5xx; a refused call stores nothing.

const RANDOM_RUNS = 150;

let tdb: TestDatabase;
let engine: ReturnType<typeof createEngineApp>;
let key: string;
let externalId: string;
let flowId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { ctx, user } = await projectWithMember(tdb.db, "ADMIN");
  key = await apiKey(ctx, ["connections:read", "flows:write", "embed:sessions"]);
  const connection = await createKeyConnection(ctx, "Fuzz engine target");
  externalId = connection.externalId;
  flowId = (await saveTestFlow(ctx, { draft: [step("ask", externalId)] })).id;
  engine = createEngineApp({ db: tdb.db, tokenCacheMs: 60_000 });
  userEmail = user.email;
});
let userEmail = "";

afterAll(async () => {
  await engine?.usage.idle();
  await tdb?.dispose();
});

interface BodyRoute {
  method: string;
  path: string;
  shape: Shape;
}

type JsonSchema = Parameters<typeof shapeOfJsonSchema>[0];
type Operation = { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };

function bodyRoutes(): BodyRoute[] {
  const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, JsonSchema> } };
  const resolve = (ref: string) => doc.components?.schemas?.[ref.split("/").pop()!];
  const routes: BodyRoute[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const schema = op.requestBody?.content?.["application/json"]?.schema;
      if (schema) routes.push({ method: method.toUpperCase(), path, shape: shapeOfJsonSchema(schema, resolve) });
    }
  }
  return routes;
}

function plausibleValue(key: string): unknown {
  switch (key) {
    case "input":
      return { auth: `{{connections['${externalId}']}}` };
    case "userEmail":
      return userEmail;
    case "ttlSeconds":
      return 60;
    case "name":
      return "Fuzzed flow";
    case "pieceName":
      return "openai";
    case "publish":
    case "enabled":
      return false;
    default:
      return undefined;
  }
}

const RAW_BODIES = [
  "",
  "{",
  "null",
  "[]",
  "\u0000",
  '{"input":1}\u0000',
  "[".repeat(10_000),
  `{"a":${'{"b":'.repeat(3000)}1${"}".repeat(3000)}}`,
  "x".repeat(100_000),
];

describe(`fuzz: every /api/v1 JSON body (${databaseLabel()})`, () => {
  const routes = bodyRoutes();

  it("finds the body routes in the OpenAPI document", () => {
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(["POST /worker/resolve", "PUT /flows/{id}", "POST /embed/sessions"]));
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))("%s: no 5xx, and a refused call stores nothing", async (_label, route) => {
    let before = await databaseFingerprint(tdb.db);
    const pathIds = fc.oneof(fc.constant(flowId), fc.constantFrom("%00", "a%2Fb", "x".repeat(300), "%E2%80%AE"), fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/));
    const send = async (body: string, id: string) => {
      const path = route.path.replace("{id}", id);
      const res = await engine.app.request(`/api/v1${path}`, {
        method: route.method,
        body,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      });
      await res.arrayBuffer();
      await engine.usage.idle();
      expect(res.status, `${route.method} ${path} answered ${res.status}`).toBeLessThan(500);
      if (res.status < 400) before = await databaseFingerprint(tdb.db);
      else expect(await databaseFingerprint(tdb.db), `${route.method} ${path} refused (${res.status}) but changed the database`).toBe(before);
    };
    const encode = (value: unknown) => {
      try {
        return JSON.stringify(value) ?? "";
      } catch {
        return "{}"; // a value too deep for JSON.stringify itself: the raw bodies cover depth
      }
    };
    for (const raw of RAW_BODIES) await send(raw, flowId);
    for (const input of mandatoryInputs(route.shape, plausibleValue)) await send(encode(input), flowId);
    await fc.assert(
      fc.asyncProperty(arbitraryFor(route.shape, plausibleValue), pathIds, (input, id) => send(encode(input), id)),
      { seed: FUZZ_SEED, numRuns: RANDOM_RUNS, endOnFailure: true },
    );
  });
});
