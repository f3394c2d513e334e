import fc from "fast-check";
import { sql } from "drizzle-orm";
import type { Db } from "@/server/db/types";

/** One seed for every fuzz run: a failure replays exactly. */
export const FUZZ_SEED = 20_261_129;

// Tables whose contents a refused call must leave untouched. Columns that record *use* (a key
// or connection touched by an accepted call, asynchronously) are left out of the comparison.
const TABLES = [
  "users",
  "user_identities",
  "projects",
  "memberships",
  "connections",
  "flows",
  "connection_references",
  "api_tokens",
  "embed_sessions",
  "audit_events",
  "project_settings",
  "notification_deliveries",
  "oauth_apps",
  "oauth_states",
  "platform",
];

/** A digest of everything stored, to prove a refused call stored nothing. */
export async function databaseFingerprint(db: Db): Promise<string> {
  const parts = TABLES.map(
    (t) =>
      `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg((to_jsonb(x) - 'last_used_at')::text, ',' order by (to_jsonb(x) - 'last_used_at')::text), '')) as h from ${t} x`,
  );
  const rows = (await db.execute(sql.raw(parts.join(" union all ")))) as unknown as { rows?: unknown[] } | unknown[];
  const list = Array.isArray(rows) ? rows : (rows.rows ?? []);
  return JSON.stringify(list);
}

export function nestedValue(depth: number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = i % 2 ? { k: value } : [value];
  return value;
}

const HUGE = "x".repeat(1_000_000);
const DEEP = nestedValue(5_000);

/** Values that have broken servers before; every fuzz run includes each of them. */
export const NASTY_VALUES: unknown[] = [
  "\u0000",
  "name\u0000with-nul",
  "%00",
  "\u0001\u0002\u001b[31m",
  "tab\tand\nnewline\r",
  "\u007f",
  "\ud800",
  "\u202e\u200b",
  HUGE,
  DEEP,
  [DEEP],
  { k: DEEP },
  { "\u0000": "key with NUL" },
  new Date(Date.UTC(99_999, 0, 1)),
  new Date(Number.NaN),
  new Date(-8.64e15),
  "+099999-01-01T00:00:00.000Z",
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -1,
  2 ** 53 + 1,
  1e308,
  "",
  " ",
  null,
  true,
  [],
  {},
  "{{connections['x']}}",
  "'; drop table connections; --",
  "../../etc/passwd",
];

const nastyScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_VALUES),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`),
  fc.string({ unit: fc.constantFrom(..."\u0000\u0001\u0008\t\n\r\u001f\u007fa/\\%"), maxLength: 12 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.constant(undefined),
);

/** Anything a client could send: scalars above, and arrays/objects of them. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyScalar },
  { weight: 1, arbitrary: fc.array(nastyScalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), nastyScalar, { maxKeys: 4 }) },
);

/** The structure of an input, read from a zod schema or a JSON schema, down to its leaves. */
export type Shape = { kind: "object"; fields: Record<string, Shape> } | { kind: "array"; element: Shape } | { kind: "leaf" };

const LEAF: Shape = { kind: "leaf" };

type ZodDef = {
  type: string;
  shape?: Record<string, { _zod: { def: ZodDef } }>;
  element?: { _zod: { def: ZodDef } };
  innerType?: { _zod: { def: ZodDef } };
  in?: { _zod: { def: ZodDef } };
};

export function shapeOfZod(schema: unknown, depth = 0): Shape {
  const def = (schema as { _zod?: { def: ZodDef } })._zod?.def;
  if (!def || depth > 8) return LEAF;
  if (def.type === "object" && def.shape) {
    return { kind: "object", fields: Object.fromEntries(Object.entries(def.shape).map(([k, v]) => [k, shapeOfZod(v, depth + 1)])) };
  }
  if (def.type === "array" && def.element) return { kind: "array", element: shapeOfZod(def.element, depth + 1) };
  const inner = def.innerType ?? def.in;
  return inner ? shapeOfZod(inner, depth + 1) : LEAF;
}

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema; $ref?: string };

export function shapeOfJsonSchema(schema: JsonSchema | undefined, resolve: (ref: string) => JsonSchema | undefined, depth = 0): Shape {
  const s = schema?.$ref ? resolve(schema.$ref) : schema;
  if (!s || depth > 8) return LEAF;
  if (s.properties)
    return { kind: "object", fields: Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, shapeOfJsonSchema(v, resolve, depth + 1)])) };
  if (s.type === "array" && s.items) return { kind: "array", element: shapeOfJsonSchema(s.items, resolve, depth + 1) };
  return LEAF;
}

/** A value the caller knows will get past the first checks for this key (a real id), or undefined. */
export type Plausible = (key: string) => unknown;

/**
 * Inputs that follow the shape: every field either plausible (so the call reaches the service),
 * nasty, or built from its own shape, down to the leaves; sometimes nasty as a whole.
 */
export function arbitraryFor(shape: Shape, plausible: Plausible, key = ""): fc.Arbitrary<unknown> {
  const known = key ? plausible(key) : undefined;
  const options: Array<{ weight: number; arbitrary: fc.Arbitrary<unknown> }> = [{ weight: 1, arbitrary: nastyValue }];
  if (known !== undefined) options.push({ weight: 2, arbitrary: fc.constant(known) });
  if (shape.kind === "object") {
    const fields = Object.fromEntries(Object.entries(shape.fields).map(([k, v]) => [k, arbitraryFor(v, plausible, k)]));
    options.push({ weight: 6, arbitrary: fc.record(fields, { requiredKeys: [] }) });
  } else if (shape.kind === "array") {
    options.push({ weight: 3, arbitrary: fc.array(arbitraryFor(shape.element, plausible), { maxLength: 3 }) });
  } else if (known === undefined) {
    options.push({ weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) });
  }
  return fc.oneof(...options);
}

function baseValue(shape: Shape, plausible: Plausible, key = ""): unknown {
  const known = key ? plausible(key) : undefined;
  if (known !== undefined) return structuredClone(known);
  if (shape.kind === "object") return Object.fromEntries(Object.entries(shape.fields).map(([k, v]) => [k, baseValue(v, plausible, k)]));
  if (shape.kind === "array") return [baseValue(shape.element, plausible)];
  return undefined;
}

function leafPaths(shape: Shape, prefix: Array<string | number> = []): Array<Array<string | number>> {
  // A field's own position too, not only its leaves: `draft: "\u0000"` as well as `draft[0].name`.
  if (shape.kind === "object")
    return Object.entries(shape.fields).flatMap(([k, v]) => [[...prefix, k], ...(v.kind === "leaf" ? [] : leafPaths(v, [...prefix, k]))]);
  if (shape.kind === "array") return leafPaths(shape.element, [...prefix, 0]);
  return prefix.length ? [prefix] : [];
}

function setAt(target: unknown, path: Array<string | number>, value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  const container = (target !== null && typeof target === "object" ? target : typeof head === "number" ? [] : {}) as Record<string | number, unknown>;
  container[head!] = setAt(container[head!], rest, value);
  return container;
}

/**
 * The cases every run contains: each nasty value placed at every field, nested ones included,
 * with every other field plausible; plus the input itself missing, null, NUL and far too deep.
 */
export function mandatoryInputs(shape: Shape, plausible: Plausible): unknown[] {
  const cases: unknown[] = [undefined, null, DEEP, "\u0000"];
  for (const path of leafPaths(shape)) {
    for (const value of NASTY_VALUES) cases.push(setAt(baseValue(shape, plausible), path, value));
  }
  return cases;
}
