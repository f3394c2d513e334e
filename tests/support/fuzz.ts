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
    (t) => `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg((to_jsonb(x) - 'last_used_at')::text, ',' order by (to_jsonb(x) - 'last_used_at')::text), '')) as h from ${t} x`,
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

/**
 * An input object with the schema's own keys: each either a plausible value (so a call gets
 * past the first check and into the service) or a nasty one; sometimes an extra key.
 */
export function inputFor(keys: string[], plausible: (key: string) => fc.Arbitrary<unknown> | null): fc.Arbitrary<unknown> {
  const fields = Object.fromEntries(
    keys.map((key) => {
      const good = plausible(key);
      return [key, good ? fc.oneof({ weight: 2, arbitrary: good }, { weight: 1, arbitrary: nastyValue }) : nastyValue];
    }),
  );
  return fc.oneof(
    { weight: 8, arbitrary: fc.record(fields, { requiredKeys: [] }) },
    { weight: 1, arbitrary: nastyValue },
  );
}

/** Inputs made of one nasty value in every key: the cases every run must contain. */
export function mandatoryInputs(keys: string[], plausible: (key: string) => unknown): unknown[] {
  const base = Object.fromEntries(keys.map((k) => [k, plausible(k)]));
  const cases: unknown[] = [undefined, null, DEEP, "\u0000"];
  for (const value of NASTY_VALUES) for (const key of keys) cases.push({ ...base, [key]: value });
  return cases;
}
