import { sql } from "drizzle-orm";
import { SYSTEM_ACTOR } from "@/server/context";
import type { Db } from "@/server/db/types";
import { latestPruneAnchors } from "./prune-anchors";
import { recordPlatformAudit } from "./record";
import { rowsOf } from "./rows";

const DAY_MS = 86_400_000;

export interface PruneResult {
  removed: number;
  /** Events strictly before this instant (a UTC midnight) were eligible. */
  before: Date;
  from: Date | null;
  to: Date | null;
}

/**
 * Removes whole days of audit events older than the retention, from the oldest end of each chain,
 * and records `audit.pruned` with the range and, per chain, the position and hash of the last
 * removed event: verification then starts each chain there, so it still verifies end to end.
 * The only code that deletes audit rows; it says so to the append-only trigger in its transaction.
 */
export async function pruneAuditEvents({ db, retentionDays, now = new Date() }: { db: Db; retentionDays: number; now?: Date }): Promise<PruneResult> {
  const before = new Date(Math.floor((now.getTime() - retentionDays * DAY_MS) / DAY_MS) * DAY_MS);
  return db.transaction(async (tx) => {
    // Another instance pruning at the same moment waits here and then finds nothing left.
    await tx.execute(sql`select pg_advisory_xact_lock(7303, 0)`);
    const chains = await rowsOf<{ k: string; last_seq: string | number }>(
      tx,
      sql`select coalesce(project_id, '') as k, max(seq) as last_seq from audit_events where created_at < ${before.toISOString()}::timestamptz group by 1 order by 1`,
    );
    if (chains.length === 0) return { removed: 0, before, from: null, to: null };

    await tx.execute(sql`select set_config('cm.audit_prune', 'on', true)`);
    const anchors = await latestPruneAnchors(tx);
    let removed = 0;
    let from: Date | null = null;
    let to: Date | null = null;
    for (const c of chains) {
      // Same lock as the insert trigger: the chain's head does not move while its tail is cut.
      await tx.execute(sql`select pg_advisory_xact_lock(7302, hashtext(${c.k}))`);
      const [last] = await rowsOf<{ hash: string }>(tx, sql`select hash from audit_events where coalesce(project_id, '') = ${c.k} and seq = ${c.last_seq}`);
      const [gone] = await rowsOf<{ n: number; first: string | Date; latest: string | Date }>(
        tx,
        sql`with d as (delete from audit_events where coalesce(project_id, '') = ${c.k} and seq <= ${c.last_seq} returning created_at)
            select count(*)::int as n, min(created_at) as first, max(created_at) as latest from d`,
      );
      removed += gone!.n;
      const first = new Date(gone!.first);
      const latest = new Date(gone!.latest);
      if (!from || first < from) from = first;
      if (!to || latest > to) to = latest;
      anchors.set(c.k, { seq: Number(c.last_seq), hash: last!.hash });
    }
    await tx.execute(sql`select set_config('cm.audit_prune', 'off', true)`);
    await recordPlatformAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: "audit.pruned",
      details: {
        retentionDays,
        before: before.toISOString(),
        from: from!.toISOString(),
        to: to!.toISOString(),
        removed,
        chains: chains.length,
        anchors: [...anchors].map(([chain, a]) => ({ chain, seq: a.seq, hash: a.hash })),
      },
    });
    return { removed, before, from, to };
  });
}
