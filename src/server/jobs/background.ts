import type { Db } from "@/server/db/types";
import { createJobScheduler, type BackgroundJob, type JobRunInfo, type JobScheduler } from "./scheduler";

export type { BackgroundJob, JobRunInfo } from "./scheduler";

// Next bundles its own copy of this module beside the custom server's copy; a health endpoint
// served by either must read the scheduler that actually runs, so it lives on globalThis.
const SCHEDULER_KEY = Symbol.for("connections-manager.background-jobs");
type GlobalWithScheduler = typeof globalThis & { [SCHEDULER_KEY]?: JobScheduler };

function scheduler(): JobScheduler {
  const g = globalThis as GlobalWithScheduler;
  return (g[SCHEDULER_KEY] ??= createJobScheduler());
}

/** Every periodic task of the app registers here (see default-jobs.ts) before start-up. */
export function registerBackgroundJob(job: BackgroundJob) {
  scheduler().register(job);
}

/** Starts this instance's jobs (none with BACKGROUND_JOBS=off); the result stops them. */
export function startBackgroundJobs(db: Db): () => Promise<void> {
  return scheduler().start(db);
}

/** Each job's last run and how far behind schedule it is (ms), for /readyz and metrics. */
export function backgroundJobStatus(): JobRunInfo[] {
  return scheduler().status();
}

/** Runs a job now rather than at its next tick, e.g. after an admin asked for it. */
export function triggerBackgroundJob(name: string) {
  scheduler().runSoon(name);
}

/** The worst lag over every job, in ms (0 when all are on time or none runs). */
export function jobLag(): number {
  return Math.max(0, ...backgroundJobStatus().map((j) => j.lagMs));
}
