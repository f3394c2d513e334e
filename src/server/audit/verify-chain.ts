import { sql } from "drizzle-orm";
import type { Db } from "@/server/db/types";
import { latestPruneAnchors } from "./prune-anchors";
import { rowsOf } from "./rows";

export interface ChainBreak {
  /** The chain: a project id, or null for the platform's. */
  projectId: string | null;
  seq: number | null;
  eventId: number | null;
  reason: string;
}

export interface ChainReport {
  ok: boolean;
  chains: number;
  rows: number;
  /** The first break found, walking each chain from its oldest surviving row. */
  firstBreak: ChainBreak | null;
  /** Each chain's newest hash: record them elsewhere to notice a wholesale rewrite later. */
  heads: { projectId: string | null; seq: number; hash: string }[];
}

const BATCH = 2_000;
const keyOf = (projectId: string | null) => projectId ?? "";
const chainOf = (key: string) => (key === "" ? null : key);

interface Row {
  id: string | number;
  seq: string | number;
  prev_hash: string | null;
  hash: string | null;
  recomputed: string;
}

/**
 * Walks every chain (or one project's) and reports the first row that does not follow: an edited
 * row no longer matches its hash, a removed one leaves the next row pointing at a hash that is not
 * there, and rows cut off at either end disagree with the chain head or the last prune's anchor.
 * `projectId`: one project's chain; null: the platform's; omitted: all of them.
 */
export async function verifyAuditChain({ db, projectId }: { db: Db; projectId?: string | null }): Promise<ChainReport> {
  const only = projectId === undefined ? sql`true` : sql`k = ${keyOf(projectId)}`;
  const heads = await rowsOf<{ chain_key: string; seq: string | number; hash: string }>(
    db,
    sql`select chain_key, seq, hash from (select chain_key as k, * from audit_chain_heads) h where ${only} order by chain_key`,
  );
  const keys = new Set(heads.map((h) => h.chain_key));
  // Rows of a chain without a head would be a chain someone started by hand: walk them too.
  const orphans = await rowsOf<{ k: string }>(db, sql`select distinct k from (select coalesce(project_id, '') as k from audit_events) e where ${only}`);
  orphans.forEach((o) => keys.add(o.k));
  const anchors = await latestPruneAnchors(db);
  const headOf = new Map(heads.map((h) => [h.chain_key, { seq: Number(h.seq), hash: h.hash }]));

  let total = 0;
  let firstBreak: ChainBreak | null = null;
  for (const key of [...keys].sort()) {
    const result = await walkChain(db, key, anchors.get(key) ?? null, headOf.get(key) ?? null);
    total += result.rows;
    if (result.broken && !firstBreak) firstBreak = result.broken;
  }
  return {
    ok: firstBreak === null,
    chains: keys.size,
    rows: total,
    firstBreak,
    heads: heads.map((h) => ({ projectId: chainOf(h.chain_key), seq: Number(h.seq), hash: h.hash })),
  };
}

async function walkChain(db: Db, key: string, anchor: { seq: number; hash: string } | null, head: { seq: number; hash: string } | null) {
  const projectId = chainOf(key);
  const brk = (seq: number | null, eventId: number | null, reason: string) => ({ rows: count, broken: { projectId, seq, eventId, reason } });
  let count = 0;
  let prev: { seq: number; hash: string } | null = null;
  let after = 0;
  for (;;) {
    const batch = await rowsOf<Row>(
      db,
      sql`select e.id, e.seq, e.prev_hash, e.hash, cm_audit_row_hash(e) as recomputed from audit_events e
          where coalesce(e.project_id, '') = ${key} and e.seq > ${after} order by e.seq limit ${BATCH}`,
    );
    for (const r of batch) {
      const seq = Number(r.seq);
      const id = Number(r.id);
      count++;
      if (r.hash === null || r.hash !== r.recomputed) return brk(seq, id, `event ${id} (#${seq}) was changed after it was written`);
      if (prev === null) {
        const expected = seq === 1 ? null : anchor && anchor.seq === seq - 1 ? anchor.hash : undefined;
        if (expected === undefined) return brk(seq, id, `events before #${seq} are missing and no prune recorded their removal`);
        if (r.prev_hash !== expected) return brk(seq, id, `event ${id} (#${seq}) does not follow the recorded start of the chain`);
      } else if (seq !== prev.seq + 1 || r.prev_hash !== prev.hash) {
        return brk(seq, id, `event ${id} (#${seq}) does not follow #${prev.seq}: an event between them was removed or changed`);
      }
      prev = { seq, hash: r.hash };
    }
    if (batch.length < BATCH) break;
    after = prev!.seq;
  }
  const last = prev ?? anchor;
  if (head && (!last || last.seq !== head.seq || last.hash !== head.hash)) {
    return brk(head.seq, null, `the chain ends at #${last?.seq ?? 0} but its newest event was #${head.seq}: recent events were removed`);
  }
  return { rows: count, broken: null };
}
