import { and, eq, inArray, sql } from "drizzle-orm";
import { getEnv } from "@/env";
import { SYSTEM_ACTOR } from "@/server/context";
import { connections } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { runBounded } from "@/server/jobs/run-bounded";
import { log } from "@/server/log";
import { recordHealthCheck } from "@/server/observability/metrics";
import { recheckConnection, type RecheckOutcome } from "./recheck-connection";

const CLAIM_LEASE_MS = 10 * 60_000;

interface Claimed {
  id: string;
  projectId: string;
  pieceName: string;
}

/**
 * Claims the Active connections whose recheck is due and checks them. The claim pushes their
 * next check past a lease inside a `skip locked` transaction, so instances sharing the database
 * never check the same connection at the same time.
 */
export async function runDueHealthChecks(db: Db, opts: { limit?: number; now?: Date } = {}) {
  const env = getEnv();
  const now = opts.now ?? new Date();
  const intervalMs = env.HEALTH_CHECK_INTERVAL_MINUTES * 60_000;
  const claimed: Claimed[] = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: connections.id, projectId: connections.projectId, pieceName: connections.pieceName })
      .from(connections)
      .where(
        and(
          eq(connections.status, "ACTIVE"),
          sql`coalesce(${connections.nextCheckAt}, ${connections.updatedAt} + ${`${intervalMs} milliseconds`}::interval) <= ${now.toISOString()}::timestamptz`,
        ),
      )
      .orderBy(sql`${connections.nextCheckAt} nulls first`)
      .limit(opts.limit ?? 50)
      .for("update", { skipLocked: true });
    if (due.length) {
      await tx
        .update(connections)
        .set({ nextCheckAt: new Date(now.getTime() + CLAIM_LEASE_MS) })
        .where(
          inArray(
            connections.id,
            due.map((d) => d.id),
          ),
        );
    }
    return due;
  });

  const outcomes: Record<RecheckOutcome | "error", number> = { passed: 0, failed: 0, unreachable: 0, missing: 0, undecryptable: 0, error: 0 };
  await runBounded(claimed, env.HEALTH_CHECK_CONCURRENCY, env.HEALTH_CHECK_PER_APP_CONCURRENCY, async (c) => {
    try {
      const r = await recheckConnection(db, c.projectId, c.id, SYSTEM_ACTOR);
      outcomes[r.outcome]++;
      recordHealthCheck(r.outcome);
    } catch (err) {
      outcomes.error++;
      recordHealthCheck("error");
      log.error("health check failed to run", { connectionId: c.id, error: err as Error });
    }
  });
  return { checked: claimed.length, ...outcomes };
}
