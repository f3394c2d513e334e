import { getEnv } from "@/env";
import { pruneExpiredAuditEvents } from "@/server/audit/retention-job";
import type { Db } from "@/server/db/types";
import { runDueHealthChecks } from "@/server/health/run-due-checks";
import { log } from "@/server/log";
import { deliverDueNotifications } from "@/server/notifications/deliver";

export interface BackgroundJob {
  name: string;
  run: (db: Db) => Promise<unknown>;
  everyMs: number;
}

const jobs: BackgroundJob[] = [
  { name: "health checks", run: (db) => runDueHealthChecks(db), everyMs: 30_000 },
  { name: "notification delivery", run: (db) => deliverDueNotifications(db), everyMs: 10_000 },
  { name: "audit retention", run: (db) => pruneExpiredAuditEvents(db), everyMs: 3_600_000 },
];

/** Other modules (e.g. OAuth refresh) add their periodic work here before start-up. */
export function registerBackgroundJob(job: BackgroundJob) {
  jobs.push(job);
}

/**
 * Runs each job on its own timer with a little jitter; a run never overlaps the previous one of
 * the same job. Coordination across instances is each job's business (row claims in the DB).
 */
export function startBackgroundJobs(db: Db): () => void {
  if (getEnv().BACKGROUND_JOBS === "off") return () => {};
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  for (const job of jobs) {
    let busy = false;
    const tick = async () => {
      if (busy || stopped) return;
      busy = true;
      try {
        await job.run(db);
      } catch (err) {
        log.error(`background job "${job.name}" failed`, { error: err as Error });
      } finally {
        busy = false;
      }
    };
    const first = setTimeout(() => void tick(), 2_000 + Math.random() * 3_000);
    const every = setInterval(() => void tick(), job.everyMs + Math.random() * 1_000);
    first.unref();
    every.unref();
    timers.push(first, every);
  }
  return () => {
    stopped = true;
    timers.forEach((t) => clearTimeout(t));
  };
}
