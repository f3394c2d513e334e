import { rewriteReferences } from "@/lib/connection-ref";
import { ConflictError } from "@/server/errors";
import type { ConflictMode } from "@/schemas/transfer";
import type { Bundle, BundleConnection, BundleFlow } from "./bundle";

export interface ImportConflict {
  kind: "name" | "externalId" | "flow";
  value: string;
}

/** A name, external id or flow id of the file already exists in the target project. */
export class ImportConflictError extends ConflictError {
  constructor(readonly conflicts: ImportConflict[]) {
    const label = { name: "connection name", externalId: "external id", flow: "flow id" };
    const shown = conflicts.slice(0, 20).map((c) => `${label[c.kind]} “${c.value}”`);
    const more = conflicts.length > 20 ? ` and ${conflicts.length - 20} more` : "";
    super(
      `Nothing was imported: ${conflicts.length} item${conflicts.length === 1 ? "" : "s"} already exist in this project — ${shown.join(", ")}${more}. Import again choosing Rename or Skip.`,
      "file",
    );
  }
}

export interface Existing {
  /** lower-cased display names */
  names: Set<string>;
  externalIds: Set<string>;
  flowIds: Set<string>;
}

export interface ImportPlan {
  connections: BundleConnection[];
  flows: BundleFlow[];
  skipped: number;
  renamed: number;
}

function freeName(base: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (imported)` : `${base} (imported ${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

function freeId(base: string, taken: Set<string>, max: number): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "-imported" : `-imported-${n}`;
    const candidate = `${base.slice(0, max - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Decides what to insert: clashes stop everything (listed), or are renamed (new name / external
 * id / flow id, with the imported flows' references following a renamed external id), or skipped.
 */
export function planImport(bundle: Bundle, existing: Existing, mode: ConflictMode): ImportPlan {
  const conflicts: ImportConflict[] = [];
  const names = new Set(existing.names);
  const ids = new Set(existing.externalIds);
  const flowIds = new Set(existing.flowIds);
  const movedIds = new Map<string, string>();
  const plan: ImportPlan = { connections: [], flows: [], skipped: 0, renamed: 0 };

  for (const c of bundle.connections) {
    const nameClash = names.has(c.displayName.toLowerCase());
    const idClash = ids.has(c.externalId);
    if (nameClash) conflicts.push({ kind: "name", value: c.displayName });
    if (idClash) conflicts.push({ kind: "externalId", value: c.externalId });
    if ((nameClash || idClash) && mode === "skip") {
      plan.skipped++;
      continue;
    }
    let next = c;
    if ((nameClash || idClash) && mode === "rename") {
      const displayName = nameClash ? freeName(c.displayName, names) : c.displayName;
      const externalId = idClash ? freeId(c.externalId, ids, 200) : c.externalId;
      if (idClash) movedIds.set(c.externalId, externalId);
      next = { ...c, displayName, externalId };
      plan.renamed++;
    }
    names.add(next.displayName.toLowerCase());
    ids.add(next.externalId);
    plan.connections.push(next);
  }

  for (const f of bundle.flows) {
    const clash = flowIds.has(f.id);
    if (clash) conflicts.push({ kind: "flow", value: f.id });
    if (clash && mode === "skip") {
      plan.skipped++;
      continue;
    }
    let next = f;
    if (clash && mode === "rename") {
      next = { ...f, id: freeId(f.id, flowIds, 64) };
      plan.renamed++;
    }
    for (const [from, to] of movedIds) {
      next = { ...next, draft: rewriteReferences(next.draft, from, to), published: next.published ? rewriteReferences(next.published, from, to) : null };
    }
    flowIds.add(next.id);
    plan.flows.push(next);
  }

  if (conflicts.length && mode === "stop") throw new ImportConflictError(conflicts);
  return plan;
}
