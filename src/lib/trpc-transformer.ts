// tRPC's data transformer, shared by the server (src/server/api/trpc.ts) and the browser
// (src/trpc/react.tsx). The procedures exchange JSON plus Dates (and undefined in arrays), so this
// carries just those, in superjson's wire format ({ json, meta: { values: { "a.0.b": ["Date"] } } }),
// at a fraction of superjson's size in every page. Anything else that JSON would mangle (Map, Set,
// bigint, class instances) is refused loudly when sent, and an annotation it does not know is
// refused when received.

type Annotation = "Date" | "undefined";
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Wire {
  json: Json;
  meta?: { values: Record<string, [Annotation]> | [Annotation]; v: 1 };
}

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

// Most keys hold neither "." nor "\\": they are used as they are, without a replace.
const escapeKey = (key: string) => (key.includes(".") || key.includes("\\") ? key.replace(/\\/g, "\\\\").replace(/\./g, "\\.") : key);

function splitPath(path: string): string[] {
  const keys: string[] = [];
  let key = "";
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (c === "\\" && i + 1 < path.length) key += path[++i];
    else if (c === ".") {
      keys.push(key);
      key = "";
    } else key += c;
  }
  keys.push(key);
  return keys;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function serialize(value: unknown): Wire {
  const values: Record<string, [Annotation]> = {};
  // The keys from the root to the value being walked; a path string is made only when a value is
  // annotated or refused (most are neither), not for every value of every row.
  const keys: string[] = [];
  const here = () => keys.map(escapeKey).join(".");
  const walk = (v: unknown, inArray: boolean): Json | undefined => {
    if (v === null || typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "number") return Number.isFinite(v) ? v : refuse(here(), "a non-finite number");
    if (v === undefined) {
      // An object's undefined property is left out, as JSON does; an array keeps the slot.
      if (!inArray) return undefined;
      values[here()] = ["undefined"];
      return null;
    }
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) return refuse(here(), "an invalid Date");
      values[here()] = ["Date"];
      return v.toISOString();
    }
    if (Array.isArray(v)) {
      const out: Json[] = new Array<Json>(v.length);
      for (let i = 0; i < v.length; i++) {
        keys.push(String(i));
        out[i] = walk(v[i], true) ?? null;
        keys.pop();
      }
      return out;
    }
    if (typeof v === "object" && isPlainObject(v)) {
      const out: Record<string, Json> = {};
      for (const key in v) {
        if (!Object.hasOwn(v, key)) continue;
        keys.push(key);
        const json = walk(v[key], false);
        keys.pop();
        if (json !== undefined) out[key] = json;
      }
      return out;
    }
    return refuse(here(), typeof v === "object" ? (v.constructor?.name ?? "an object") : `a ${typeof v}`);
  };
  if (value === undefined) return { json: null, meta: { values: ["undefined"], v: 1 } };
  const json = walk(value, false) ?? null;
  // A value that is itself a Date is annotated at the root, as superjson does.
  if (value instanceof Date) return { json, meta: { values: ["Date"], v: 1 } };
  return Object.keys(values).length === 0 ? { json } : { json, meta: { values, v: 1 } };
}

function refuse(path: string, what: string): never {
  throw new TypeError(`tRPC transformer: ${what} at "${path || "(root)"}" cannot be sent; send JSON or a Date`);
}

function revive(annotation: unknown, value: unknown): unknown {
  if (annotation === "Date" && typeof value === "string") {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  if (annotation === "undefined" && (value === null || value === undefined)) return undefined;
  throw new TypeError(`tRPC transformer: cannot read ${JSON.stringify(annotation)} from ${typeof value}`);
}

export function deserialize(wire: unknown): unknown {
  if (typeof wire !== "object" || wire === null) throw new TypeError("tRPC transformer: expected { json, meta? }");
  const { json, meta } = wire as { json: unknown; meta?: { values?: unknown } };
  const values = meta?.values;
  if (values === undefined) return json;
  if (Array.isArray(values)) return revive(values[0], json);
  if (typeof values !== "object" || values === null) throw new TypeError("tRPC transformer: meta.values is not an object");
  for (const [path, annotation] of Object.entries(values)) {
    const keys = splitPath(path);
    let parent: unknown = json;
    for (const key of keys.slice(0, -1)) {
      if (FORBIDDEN_KEYS.has(key) || typeof parent !== "object" || parent === null || !Object.hasOwn(parent, key))
        throw new TypeError(`tRPC transformer: no value at "${path}"`);
      parent = (parent as Record<string, unknown>)[key];
    }
    const last = keys[keys.length - 1]!;
    if (FORBIDDEN_KEYS.has(last) || typeof parent !== "object" || parent === null || !Object.hasOwn(parent, last))
      throw new TypeError(`tRPC transformer: no value at "${path}"`);
    const target = parent as Record<string, unknown>;
    target[last] = revive(Array.isArray(annotation) ? annotation[0] : annotation, target[last]);
  }
  return json;
}

export const transformer = { serialize, deserialize };
