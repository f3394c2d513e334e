import { lt } from "drizzle-orm";
import { getEnv } from "@/env";
import { SYSTEM_ACTOR } from "@/server/context";
import { oauthStates } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { runBounded } from "@/server/jobs/run-bounded";
import type { BackgroundJob } from "@/server/jobs/scheduler";
import { log } from "@/server/log";
import { claimDueConnection, findDueConnections } from "./claim";
import { refreshClaimed } from "./refresh-claimed";

/** One tick claims batches until nothing is due or this much time has passed. */
const TICK_BUDGET_MS = 60_000;
const STATE_RETENTION_MS = 24 * 60 * 60_000;

export interface RefreshRunSummary {
  claimed: number;
  refreshed: number;
  failed: number;
  skipped: number;
}

/**
 * Refreshes every connection whose refresh is due, in batches of OAUTH_REFRESH_BATCH_SIZE
 * candidates with OAUTH_REFRESH_CONCURRENCY provider calls at once (at most half of them per app).
 * A candidate is claimed only when its turn comes, just before its provider call, with a short
 * lease its refresh renews (claim.ts): an instance that dies holds at most the connections it was
 * refreshing at that moment, and only for LEASE_MS. Instances running at the same time go through
 * the same candidates; the conditional claim lets exactly one of them refresh each.
 */
export async function runDueRefreshes(
  db: Db,
  opts: { now?: () => Date; batchSize?: number; concurrency?: number; budgetMs?: number; shouldStop?: () => boolean } = {},
): Promise<RefreshRunSummary> {
  const env = getEnv();
  const now = opts.now ?? (() => new Date());
  const batchSize = opts.batchSize ?? env.OAUTH_REFRESH_BATCH_SIZE;
  const concurrency = opts.concurrency ?? env.OAUTH_REFRESH_CONCURRENCY;
  const perApp = Math.max(1, Math.ceil(concurrency / 2));
  const deadline = Date.now() + (opts.budgetMs ?? TICK_BUDGET_MS);
  const summary: RefreshRunSummary = { claimed: 0, refreshed: 0, failed: 0, skipped: 0 };
  const stop = () => Date.now() >= deadline || Boolean(opts.shouldStop?.());

  while (!stop()) {
    const candidates = await findDueConnections(db, { now: now(), limit: batchSize });
    await runBounded(candidates, concurrency, perApp, async (candidate) => {
      if (stop()) return;
      try {
        const claimed = await claimDueConnection(db, candidate.id, now());
        // Another instance claimed it (or refreshed it) since the candidates were read.
        if (!claimed) return;
        summary.claimed++;
        const outcome = await refreshClaimed(db, claimed, { trigger: "schedule", actor: SYSTEM_ACTOR });
        if (outcome.result === "refreshed") summary.refreshed++;
        else if (outcome.result === "failed") summary.failed++;
        else summary.skipped++;
      } catch (err) {
        summary.failed++;
        log.error("oauth: refresh crashed", { connectionId: candidate.id, error: err as Error });
      }
    });
    if (candidates.length < batchSize) break;
  }
  return summary;
}

/** Authorizations never finished leave their state rows behind; they are useless after expiry. */
export async function deleteStaleStates(db: Db, now = new Date()) {
  await db.delete(oauthStates).where(lt(oauthStates.expiresAt, new Date(now.getTime() - STATE_RETENTION_MS)));
}

/**
 * The background refresher, registered with the one scheduler: a run every ~15 s (jittered),
 * never overlapping itself. Other instances run their own; the claims in the database keep them
 * apart. OAUTH_REFRESH_SCHEDULER=off (or BACKGROUND_JOBS=off) turns it off on this instance.
 */
export function oauthRefreshJob(opts: { everyMs?: number } = {}): BackgroundJob {
  const everyMs = opts.everyMs ?? getEnv().OAUTH_REFRESH_TICK_SECONDS * 1000;
  return {
    name: "oauth-refresh",
    everyMs,
    firstDelayMs: Math.min(everyMs, 1_000 + Math.random() * 2_000),
    enabled: () => getEnv().OAUTH_REFRESH_SCHEDULER !== "off",
    run: async (db, { shouldStop }) => {
      const summary = await runDueRefreshes(db, { shouldStop });
      if (summary.claimed) log.info("oauth: refresh run", { ...summary });
      await deleteStaleStates(db);
    },
  };
}
