import { sql } from "drizzle-orm";
import type { Db } from "@/server/db/types";
import { rowsOf } from "./rows";

/** Where a pruned chain now starts: the last removed event's position and hash. */
export type PruneAnchors = Map<string, { seq: number; hash: string }>;

/**
 * The anchors recorded by the newest `audit.pruned` event. Each prune copies the anchors of the
 * one before it, so the newest event (itself part of the platform chain) is the whole record.
 */
export async function latestPruneAnchors(db: Db): Promise<PruneAnchors> {
  const [row] = await rowsOf<{ details: { anchors?: { chain: string; seq: number; hash: string }[] } }>(
    db,
    sql`select details from audit_events where project_id is null and action = 'audit.pruned' order by seq desc limit 1`,
  );
  return new Map((row?.details.anchors ?? []).map((a) => [a.chain, { seq: Number(a.seq), hash: a.hash }]));
}
