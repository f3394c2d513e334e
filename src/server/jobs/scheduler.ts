import { getEnv } from "@/env";
import type { Db } from "@/server/db/types";
import { log } from "@/server/log";

export interface JobRunContext {
  /** True once the scheduler is stopping: long runs end their loop at the next batch. */
  shouldStop: () => boolean;
}

export interface BackgroundJob {
  name: string;
  /** Pause between the end of one run and the start of the next (jittered ±10%). */
  everyMs: number;
  /** Delay before the first run; default 2–5 s so instances starting together spread out. */
  firstDelayMs?: number;
  /** A job's own switch (e.g. OAUTH_REFRESH_SCHEDULER=off); BACKGROUND_JOBS=off stops them all. */
  enabled?: () => boolean;
  run: (db: Db, ctx: JobRunContext) => Promise<unknown>;
}

export interface JobRunInfo {
  name: string;
  everyMs: number;
  running: boolean;
  runs: number;
  failures: number;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastDurationMs: number | null;
  lastError: string | null;
  /** How far behind its schedule the job is now: 0 while on time. */
  lagMs: number;
}

interface JobState {
  job: BackgroundJob;
  running: boolean;
  runs: number;
  failures: number;
  lastStartedAt: number | null;
  lastFinishedAt: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  /** When the next run should start; while a run is going, its start + everyMs. */
  nextDueAt: number | null;
  /** Moves the pending tick to now; set while the job's timer loop is live. */
  kick: (() => void) | null;
}

export interface JobScheduler {
  /** Adds a job, or replaces the one of the same name; takes effect at the next start. */
  register: (job: BackgroundJob) => void;
  /** Runs every registered job on its own timer; resolves stop() once running ticks ended. */
  start: (db: Db) => () => Promise<void>;
  /** Per-job last-run figures and lag, for health endpoints and metrics. */
  status: () => JobRunInfo[];
  /** Runs a started job now instead of at its next tick (no-op while it runs or when not started). */
  runSoon: (name: string) => void;
}

/**
 * One timer loop per job; a job never overlaps itself. Coordination across instances is each
 * job's business (rows claimed in the database). `force` ignores BACKGROUND_JOBS=off and the
 * jobs' own switches (tests, benchmarks).
 */
export function createJobScheduler(opts: { force?: boolean; now?: () => number } = {}): JobScheduler {
  const now = opts.now ?? Date.now;
  const jobs = new Map<string, BackgroundJob>();
  const states = new Map<string, JobState>();

  function start(db: Db) {
    if (!opts.force && getEnv().BACKGROUND_JOBS === "off") return async () => {};
    let stopped = false;
    const timers = new Set<NodeJS.Timeout>();
    const inFlight = new Set<Promise<void>>();
    for (const job of jobs.values()) {
      if (!opts.force && job.enabled && !job.enabled()) continue;
      const state: JobState = {
        job,
        running: false,
        runs: 0,
        failures: 0,
        lastStartedAt: null,
        lastFinishedAt: null,
        lastDurationMs: null,
        lastError: null,
        nextDueAt: null,
        kick: null,
      };
      states.set(job.name, state);
      let pending: NodeJS.Timeout | null = null;
      const schedule = (delay: number) => {
        if (stopped) return;
        state.nextDueAt = now() + delay;
        const timer = setTimeout(() => {
          timers.delete(timer);
          pending = null;
          const tick = runOnce(db, state, () => stopped).finally(() => {
            inFlight.delete(tick);
            schedule(job.everyMs * (0.9 + Math.random() * 0.2));
          });
          inFlight.add(tick);
        }, delay);
        timer.unref();
        timers.add(timer);
        pending = timer;
      };
      state.kick = () => {
        if (!pending || stopped) return;
        clearTimeout(pending);
        timers.delete(pending);
        pending = null;
        schedule(0);
      };
      schedule(job.firstDelayMs ?? 2_000 + Math.random() * 3_000);
    }
    return async () => {
      stopped = true;
      timers.forEach((t) => clearTimeout(t));
      timers.clear();
      await Promise.allSettled([...inFlight]);
    };
  }

  async function runOnce(db: Db, state: JobState, isStopped: () => boolean) {
    if (isStopped()) return;
    const started = now();
    state.running = true;
    state.lastStartedAt = started;
    state.nextDueAt = started + state.job.everyMs;
    try {
      await state.job.run(db, { shouldStop: isStopped });
      state.lastError = null;
    } catch (err) {
      state.failures++;
      state.lastError = err instanceof Error ? err.message : String(err);
      log.error(`background job "${state.job.name}" failed`, { error: err as Error });
    } finally {
      state.running = false;
      state.runs++;
      state.lastFinishedAt = now();
      state.lastDurationMs = state.lastFinishedAt - started;
    }
  }

  function status(): JobRunInfo[] {
    const t = now();
    return [...states.values()].map((s) => ({
      name: s.job.name,
      everyMs: s.job.everyMs,
      running: s.running,
      runs: s.runs,
      failures: s.failures,
      lastStartedAt: s.lastStartedAt === null ? null : new Date(s.lastStartedAt),
      lastFinishedAt: s.lastFinishedAt === null ? null : new Date(s.lastFinishedAt),
      lastDurationMs: s.lastDurationMs,
      lastError: s.lastError,
      lagMs: s.nextDueAt === null ? 0 : Math.max(0, t - s.nextDueAt),
    }));
  }

  const runSoon = (name: string) => states.get(name)?.kick?.();
  return { register: (job) => void jobs.set(job.name, job), start, status, runSoon };
}
