import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import type { Db } from "@/server/db/types";
import { createJobScheduler } from "./scheduler";

const db = {} as Db;
process.env.LOG_LEVEL = "error";

afterEach(() => {
  delete process.env.BACKGROUND_JOBS;
  resetEnvCache();
});

describe("the background scheduler", () => {
  it("runs each job on its own timer, never overlapping itself, and reports its last run", async () => {
    const scheduler = createJobScheduler();
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    scheduler.register({
      name: "slow",
      everyMs: 10,
      firstDelayMs: 0,
      run: async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await sleep(30);
        running--;
        runs++;
      },
    });
    scheduler.register({ name: "failing", everyMs: 50, firstDelayMs: 0, run: async () => Promise.reject(new Error("boom")) });
    const stop = scheduler.start(db);
    await sleep(200);
    await stop();
    expect(maxRunning).toBe(1);
    expect(runs).toBeGreaterThan(2);
    const [slow, failing] = scheduler.status();
    expect(slow).toMatchObject({ name: "slow", running: false, failures: 0, lastError: null });
    expect(slow!.runs).toBe(runs);
    expect(slow!.lastDurationMs).toBeGreaterThanOrEqual(25);
    expect(failing).toMatchObject({ name: "failing", lastError: "boom" });
    expect(failing!.failures).toBe(failing!.runs);
  });

  it("stop() waits for the run in progress, and tells it to stop", async () => {
    const scheduler = createJobScheduler();
    let sawStop = false;
    let finished = false;
    scheduler.register({
      name: "long",
      everyMs: 1_000,
      firstDelayMs: 0,
      run: async (_db, { shouldStop }) => {
        while (!shouldStop()) await sleep(5);
        sawStop = true;
        await sleep(20);
        finished = true;
      },
    });
    const stop = scheduler.start(db);
    await sleep(30);
    await stop();
    expect([sawStop, finished]).toEqual([true, true]);
  });

  it("lag grows while a run overruns its interval; runSoon runs a waiting job at once", async () => {
    let t = 0;
    const scheduler = createJobScheduler({ now: () => t });
    let release!: () => void;
    scheduler.register({ name: "stuck", everyMs: 1_000, firstDelayMs: 0, run: () => new Promise<void>((r) => (release = r)) });
    let quickRuns = 0;
    scheduler.register({ name: "quick", everyMs: 60_000, firstDelayMs: 60_000, run: async () => void quickRuns++ });
    const stop = scheduler.start(db);
    await sleep(20);
    t = 5_000;
    expect(scheduler.status().find((j) => j.name === "stuck")!.lagMs).toBe(4_000);
    expect(scheduler.status().find((j) => j.name === "quick")!.lagMs).toBe(0);
    scheduler.runSoon("quick");
    await sleep(20);
    expect(quickRuns).toBe(1);
    release();
    await stop();
  });

  it("BACKGROUND_JOBS=off starts nothing; a job's own switch turns only it off", async () => {
    process.env.BACKGROUND_JOBS = "off";
    resetEnvCache();
    let ran = 0;
    const scheduler = createJobScheduler();
    scheduler.register({ name: "a", everyMs: 5, firstDelayMs: 0, run: async () => void ran++ });
    await scheduler.start(db)();
    await sleep(30);
    expect(ran).toBe(0);

    delete process.env.BACKGROUND_JOBS;
    resetEnvCache();
    scheduler.register({ name: "b", everyMs: 5, firstDelayMs: 0, enabled: () => false, run: async () => void (ran += 100) });
    const stop = scheduler.start(db);
    await sleep(30);
    await stop();
    expect(ran).toBeGreaterThan(0);
    expect(ran).toBeLessThan(100);
    expect(scheduler.status().map((j) => j.name)).toEqual(["a"]);
  });
});
