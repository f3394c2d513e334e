import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngineApp } from "@/server/http/engine-app";
import { API_KEY_SCOPES } from "@/schemas/api-keys";
import { answerChecker, operationsOf, type DocOperation, type OpenApiDoc } from "../support/contract";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { apiKey } from "../support/engine-api";
import { projectWithMember } from "../support/factories";
import { createKeyConnection, saveTestFlow, step } from "../support/flows";
import { arbitraryFor, FUZZ_SEED, nastyValue, shapeOfJsonSchema } from "../support/fuzz";

// A bounded, schema-driven fuzz of every operation of the served document (a new operation is fuzzed
// without anyone listing it): path, query and header parameters and bodies built from their
// documented schemas, valid, almost valid and hostile. Every answer must be one the document lists
// for that operation (status and body shape), and none may be a 5xx.

const RUNS_PER_OPERATION = 40;

type Json = Record<string, unknown>;
type Param = { name: string; in: "path" | "query" | "header"; required?: boolean; schema: Json };

let tdb: TestDatabase;
let engine: ReturnType<typeof createEngineApp>;
let doc: OpenApiDoc;
let check: ReturnType<typeof answerChecker>;
let key: string;
let plausible: Record<string, string> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  engine = createEngineApp({ db: tdb.db, tokenCacheMs: 60_000 });
  doc = (await (await engine.app.request("/api/v1/openapi.json")).json()) as OpenApiDoc;
  check = answerChecker(doc);
  const { ctx, user } = await projectWithMember(tdb.db, "ADMIN");
  key = await apiKey(ctx, [...API_KEY_SCOPES]);
  const connection = await createKeyConnection(ctx, "Fuzzed contract");
  const flow = await saveTestFlow(ctx, { draft: [step("ask", connection.externalId)] });
  plausible = { externalId: connection.externalId, id: flow.id, userEmail: user.email, pieceName: "openai" };
});

afterAll(async () => {
  await engine?.usage.idle();
  await tdb?.dispose();
});

const HOSTILE_TEXT = ["", " ", "%00", "a%2Fb", "..", "x".repeat(300), "%E2%80%AE", "' or 1=1 --", "{{connections['x']}}", "null", "-1", "1e309", "ÿ"];

/** Text for a parameter from its schema: in range, at and past its bounds, of another type, hostile. */
function textFor(name: string, schema: Json): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [fc.constantFrom(...HOSTILE_TEXT), fc.string({ maxLength: 40 })];
  if (plausible[name]) options.push(fc.constant(plausible[name]!));
  if (Array.isArray(schema.enum)) options.push(fc.constantFrom(...(schema.enum as string[])));
  if (schema.type === "integer" || schema.type === "number") {
    const min = (schema.minimum as number | undefined) ?? -1000;
    const max = (schema.maximum as number | undefined) ?? 1000;
    options.push(fc.integer({ min: min - 2, max: max + 2 }).map(String), fc.double({ noNaN: false }).map(String));
  }
  if (typeof schema.pattern === "string") options.push(fc.stringMatching(new RegExp(schema.pattern)));
  return fc.oneof(...options);
}

/** A header value must be visible ASCII for fetch to send it at all. */
const headerText = fc.oneof(fc.stringMatching(/^[\x21-\x7e]{0,70}$/), fc.constantFrom('"123"', "*", 'W/"1"', "a".repeat(64), "bad id"));

function requestFor(op: DocOperation) {
  const params = (op.op.parameters ?? []) as Param[];
  const pathArb = fc.record(Object.fromEntries(params.filter((p) => p.in === "path").map((p) => [p.name, textFor(p.name, p.schema)])));
  const queryArb = fc.record(Object.fromEntries(params.filter((p) => p.in === "query").map((p) => [p.name, textFor(p.name, p.schema)])), { requiredKeys: [] });
  const headerArb = fc.record(Object.fromEntries(params.filter((p) => p.in === "header").map((p) => [p.name, headerText])), { requiredKeys: [] });
  const bodySchema = (op.op.requestBody as { content?: { "application/json"?: { schema?: Json } } } | undefined)?.content?.["application/json"]?.schema;
  const resolve = (ref: string) => doc.components.schemas[ref.split("/").pop()!];
  const bodyArb: fc.Arbitrary<unknown> = bodySchema
    ? fc.oneof(
        arbitraryFor(shapeOfJsonSchema(bodySchema as never, resolve as never), (k) => plausible[k]),
        nastyValue,
      )
    : fc.constant(undefined);
  return fc.record({
    path: pathArb,
    query: queryArb,
    headers: headerArb,
    body: bodyArb,
    withKey: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  });
}

function encode(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "{}";
  }
}

describe(`fuzz: every operation of the served document (${databaseLabel()})`, () => {
  it("reads the operations from the document", () => {
    expect(operationsOf(doc).length).toBeGreaterThanOrEqual(9);
  });

  it("answers no 5xx and nothing the document does not list, for any parameters or body", async () => {
    const wrong: string[] = [];
    for (const op of operationsOf(doc)) {
      await fc
        .assert(
          fc.asyncProperty(requestFor(op), async (req) => {
            const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String((req.path as Json)[name] ?? "")));
            const query = new URLSearchParams(req.query as Record<string, string>).toString();
            const headers = new Headers(req.headers as Record<string, string>);
            if (req.withKey) headers.set("authorization", `Bearer ${key}`);
            if (req.body !== undefined) headers.set("content-type", "application/json");
            const res = await engine.app.request(`/api/v1${path}${query ? `?${query}` : ""}`, {
              method: op.method.toUpperCase(),
              headers,
              body: req.body === undefined ? undefined : encode(req.body),
            });
            const text = await res.text();
            let body: unknown = text;
            if (res.headers.get("content-type")?.includes("application/json")) body = JSON.parse(text);
            const problems =
              res.status >= 500 ? [`${op.operationId}: ${res.status} ${text.slice(0, 200)}`] : check(op.operationId, res.status, body, res.headers);
            // An empty path parameter makes a path that is not the operation's: the router's 404/405.
            const emptyParam = Object.values(req.path as Json).some((v) => v === "");
            const routerMiss = emptyParam && (res.status === 404 || res.status === 405) && /"error":"(not_found|method_not_allowed)"/.test(text);
            if (problems.length && !routerMiss) wrong.push(...problems.map((p) => `${p} ← ${op.method.toUpperCase()} ${path}?${query}`));
            return problems.length === 0 || routerMiss;
          }),
          { seed: FUZZ_SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
        )
        .catch(() => {});
    }
    await engine.usage.idle();
    expect(wrong).toEqual([]);
  });
});
