import { sql } from "drizzle-orm";
import type { KeyRing } from "@/server/crypto/keyring";
import { queryRows } from "@/server/db/rows";
import type { Db } from "@/server/db/types";
import { kindSql, SEALED_KINDS, type SealedKindName } from "./sealed-kinds";

export interface SealedCount {
  kind: SealedKindName;
  keyId: string;
  count: number;
}

/** How many values each key id seals, per kind (live values only). */
export async function countSealedByKey(db: Db): Promise<SealedCount[]> {
  const out: SealedCount[] = [];
  for (const kind of SEALED_KINDS) {
    const q = kindSql(kind);
    const rows = await queryRows<{ key_id: string; n: number }>(
      db,
      sql`select ${q.keyId} as key_id, count(*)::int as n from ${q.table} where ${q.sealed} group by ${q.keyId}`,
    );
    for (const r of rows) out.push({ kind: kind.name, keyId: r.key_id, count: Number(r.n) });
  }
  const order = (name: SealedKindName) => SEALED_KINDS.findIndex((k) => k.name === name);
  return out.sort((a, b) => a.keyId.localeCompare(b.keyId) || order(a.kind) - order(b.kind));
}

/** Values the ring can open but that are not sealed with its current key: the job's work. */
export function staleCount(counts: SealedCount[], ring: KeyRing): number {
  return counts.filter((c) => c.keyId !== ring.current.id && ring.byId.has(c.keyId)).reduce((n, c) => n + c.count, 0);
}

/** Key ids that seal values but are missing from the ring, with their counts per kind. */
export function missingKeys(counts: SealedCount[], ring: KeyRing): Map<string, SealedCount[]> {
  const missing = new Map<string, SealedCount[]>();
  for (const c of counts) {
    if (ring.byId.has(c.keyId)) continue;
    missing.set(c.keyId, [...(missing.get(c.keyId) ?? []), c]);
  }
  return missing;
}
