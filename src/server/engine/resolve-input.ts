import { findReferences, type ConnectionReference } from "@/lib/connection-ref";
import type { Actor } from "@/server/context";
import type { Db } from "@/server/db/types";
import { connectionNotFound, EngineError } from "./errors";
import { selectEngineConnections, usableValue, type EngineConnectionRow } from "./open-for-engine";

const MAX_CONNECTIONS = 100;

function at(value: unknown, path: string[]): { found: boolean; value: unknown } {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return { found: false, value: undefined };
    current = (current as Record<string, unknown>)[key];
  }
  return { found: true, value: current };
}

type Key = string | number;

/** A string of the input that holds references, where it sits (keys from the root) and what it holds. */
interface Slot {
  path: Key[];
  text: string;
  refs: ConnectionReference[];
}

// As deep as mapStrings looks (connection-ref.ts): strings deeper than this are left as they are.
const MAX_DEPTH = 64;

/**
 * The one walk over the input: every string is scanned once (a repeated string is looked up, not
 * scanned again); the strings that hold references are remembered with their place, so the
 * substitution below visits only them.
 */
function collect(value: unknown, depth: number, path: Key[], slots: Slot[], found: Map<string, ConnectionReference[]>, refs: ConnectionReference[]) {
  if (depth > MAX_DEPTH) return;
  if (typeof value === "string") {
    let inText = found.get(value);
    if (!inText) {
      inText = findReferences(value);
      found.set(value, inText);
      for (const ref of inText) refs.push(ref);
    }
    if (inText.length) slots.push({ path: path.slice(), text: value, refs: inText });
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      collect(value[i], depth + 1, path, slots, found, refs);
      path.pop();
    }
    return;
  }
  if (value && typeof value === "object") {
    for (const key of Object.keys(value)) {
      path.push(key);
      collect((value as Record<string, unknown>)[key], depth + 1, path, slots, found, refs);
      path.pop();
    }
  }
}

const copyOf = (value: unknown): Record<Key, unknown> => (Array.isArray(value) ? value.slice() : { ...(value as object) }) as Record<Key, unknown>;

/**
 * POST /worker/resolve: replaces every {{connections['x']}} (and {{connections['x'].path}}) in
 * any JSON with the credential value. A string that is exactly one reference becomes the value
 * itself (object or scalar); a reference inside longer text is spliced in as text. Refused at the
 * first reference (in document order) that cannot be resolved, naming it. The input is walked
 * once and left as it is: the output copies only the objects and arrays on the way to a
 * substituted string; the connections are read with one prepared statement whatever their number.
 */
export async function resolveInput({ db, actor, projectId, input }: { db: Db; actor: Actor; projectId: string; input: unknown }) {
  const found = new Map<string, ConnectionReference[]>();
  const refs: ConnectionReference[] = [];
  const slots: Slot[] = [];
  collect(input, 0, [], slots, found, refs);
  const ids = [...new Set(refs.map((r) => r.externalId))];
  if (ids.length > MAX_CONNECTIONS) {
    throw new EngineError("VALIDATION", "too_many_connections", `At most ${MAX_CONNECTIONS} different connections per request`);
  }
  const rows = await selectEngineConnections(db, projectId, ids);

  const values = new Map<string, unknown>();
  const used: EngineConnectionRow[] = [];
  for (const ref of refs) {
    const failing = { reference: ref.raw, externalId: ref.externalId };
    if (!values.has(ref.externalId)) {
      const row = rows.get(ref.externalId);
      if (!row) throw connectionNotFound(ref.externalId, failing);
      // A static credential is answered without a promise; only an OAuth2 one may wait (refresh).
      const value = usableValue({ db, actor }, row, failing);
      values.set(ref.externalId, value instanceof Promise ? await value : value);
      used.push(row);
    }
    if (!at(values.get(ref.externalId), ref.path).found) {
      throw new EngineError("VALIDATION", "reference_path_not_found", `${ref.raw}: the connection has no “${ref.path.join(".")}”`, failing);
    }
  }

  const substitute = ({ text, refs: inText }: Slot): unknown => {
    if (inText.length === 1 && inText[0]!.raw === text.trim()) return at(values.get(inText[0]!.externalId), inText[0]!.path).value;
    let out = "";
    let cursor = 0;
    for (const ref of inText) {
      const value = at(values.get(ref.externalId), ref.path).value;
      out += text.slice(cursor, ref.index) + (typeof value === "string" ? value : JSON.stringify(value));
      cursor = ref.index + ref.raw.length;
    }
    return out + text.slice(cursor);
  };

  if (slots.length === 0) return { output: input, used };
  if (slots[0]!.path.length === 0) return { output: substitute(slots[0]!), used };
  const root = copyOf(input);
  const copies = new Map<unknown, Record<Key, unknown>>([[input, root]]);
  for (const slot of slots) {
    let source = input as Record<Key, unknown>;
    let target = root;
    for (let i = 0; i < slot.path.length - 1; i++) {
      const key = slot.path[i]!;
      const child = source[key];
      let copy = copies.get(child);
      if (!copy) {
        copies.set(child, (copy = copyOf(child)));
        target[key] = copy;
      }
      source = child as Record<Key, unknown>;
      target = copy;
    }
    target[slot.path[slot.path.length - 1]!] = substitute(slot);
  }
  return { output: root, used };
}
