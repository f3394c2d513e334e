import { findReferences, mapStrings, type ConnectionReference } from "@/lib/connection-ref";
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

/**
 * POST /worker/resolve: replaces every {{connections['x']}} (and {{connections['x'].path}}) in
 * any JSON with the credential value. A string that is exactly one reference becomes the value
 * itself (object or scalar); a reference inside longer text is spliced in as text. Refused at the
 * first reference (in document order) that cannot be resolved, naming it.
 */
export async function resolveInput({ db, actor, projectId, input }: { db: Db; actor: Actor; projectId: string; input: unknown }) {
  // One scan of every string: the references found are kept for the substitution below.
  const found = new Map<string, ConnectionReference[]>();
  const refs: ConnectionReference[] = [];
  mapStrings(input, (text) => {
    if (!found.has(text)) {
      const inText = findReferences(text);
      found.set(text, inText);
      for (const ref of inText) refs.push(ref);
    }
    return text;
  });
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
      values.set(ref.externalId, await usableValue({ db, actor }, row, failing));
      used.push(row);
    }
    if (!at(values.get(ref.externalId), ref.path).found) {
      throw new EngineError("VALIDATION", "reference_path_not_found", `${ref.raw}: the connection has no “${ref.path.join(".")}”`, failing);
    }
  }

  const output =
    refs.length === 0
      ? input
      : mapStrings(input, (text) => {
          const inText = found.get(text) ?? [];
          if (inText.length === 0) return text;
          if (inText.length === 1 && inText[0]!.raw === text.trim()) {
            return at(values.get(inText[0]!.externalId), inText[0]!.path).value;
          }
          let out = "";
          let cursor = 0;
          for (const ref of inText) {
            const value = at(values.get(ref.externalId), ref.path).value;
            out += text.slice(cursor, ref.index) + (typeof value === "string" ? value : JSON.stringify(value));
            cursor = ref.index + ref.raw.length;
          }
          return out + text.slice(cursor);
        });
  return { output, used };
}
