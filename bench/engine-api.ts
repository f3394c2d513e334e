/**
 * Engine API throughput against a bare node:http baseline doing the minimum a resolve needs (one
 * indexed select + one AES-256-GCM decrypt, same driver: bench/baseline-server.ts). 10,000
 * connections in the project, autocannon with 50 clients. Every run starts a fresh server process,
 * warms it up, then measures; the sides alternate (A B, B A, …) so neither always runs on a warmer
 * machine. Three set-ups by default, one after the other:
 *   serve    GET /worker/connections/{id} on server.ts (Next + engine API, `npm run serve`)
 *   engine   the same GET on engine.ts alone (`npm run serve:engine`)
 *   resolve  POST /worker/resolve with 5 references on engine.ts, against 5 bare GETs
 * Prints each run (p50/p99, CPU per request, requests/s per 5-s window to show any decay), each
 * round's ratio, and per set-up the median ratio with its spread.
 *
 *   npm run build && BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:engine
 *   npm run build && npm run bench:engine                                  # embedded PGlite
 *   BENCH_SETUPS=engine,resolve …                                          # a subset (no build needed without serve)
 *   BENCH_ROUNDS=2 BENCH_SECONDS=30 BENCH_WARMUP=5 BENCH_PORT=3370 BENCH_PROFILE=dir …   knobs
 *   (BENCH_SERVER=engine and BENCH_ENDPOINT=resolve, the older knobs, still pick one set-up.)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
// @ts-expect-error -- autocannon ships no type declarations; the part used is typed below.
import autocannonModule from "autocannon";
import { seedConnections } from "./seed";
import { createServerDatabase } from "./server-database";

interface Result {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
interface Instance extends Promise<Result> {
  on(event: "tick", fn: (t: { counter: number }) => void): void;
}
const autocannon = autocannonModule as (opts: object) => Instance;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const WINDOW = 5;
const CLIENTS = 50;
const REFS = 5;
const PORT = Number(process.env.BENCH_PORT ?? 3370);
type Setup = "serve" | "engine" | "resolve";
const SETUPS: Setup[] = process.env.BENCH_SETUPS
  ? (process.env.BENCH_SETUPS.split(",").map((x) => x.trim()) as Setup[])
  : process.env.BENCH_ENDPOINT === "resolve"
    ? ["resolve"]
    : process.env.BENCH_SERVER === "engine"
      ? ["engine"]
      : process.env.BENCH_SERVER
        ? ["serve"]
        : ["serve", "engine", "resolve"];
const keys = `bench:${randomBytes(32).toString("base64")}`;
process.env.ENCRYPTION_KEYS = keys;
process.env.LOG_LEVEL = "warn";

async function seed(open: { url?: string; dir?: string }) {
  const { openDatabase } = await import("@/server/db/client");
  const { createApiKey } = await import("@/server/api-tokens/create-api-key");
  const { createConnection } = await import("@/server/connections/create-connection");
  const { projects } = await import("@/server/db/schema");
  const handle = await openDatabase(open);
  const [project] = await handle.db.insert(projects).values({ name: "Bench" }).returning();
  const ctx = { db: handle.db, actor: { type: "SYSTEM" as const, id: null, label: "bench" }, projectId: project!.id, role: "ADMIN" as const };
  await seedConnections(handle.db, project!.id, 10_000);
  const externalIds: string[] = [];
  for (let i = 0; i < REFS; i++) {
    const { connection } = await createConnection({
      ctx,
      input: {
        pieceName: "openai",
        type: "SECRET_TEXT",
        displayName: `Bench key ${i}`,
        credentials: { secret_text: `sk-bench${randomBytes(24).toString("hex")}` },
      },
    });
    externalIds.push(connection.externalId);
  }
  const { token } = await createApiKey({ ctx, input: { name: "bench", scopes: ["connections:read"] } });
  await handle.close();
  return { projectId: project!.id, externalIds, token };
}

function start(args: string[], env: Record<string, string>, nodeArgs: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, "--import", "tsx", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || !child.pid) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {}
  await Promise.race([exited, new Promise((r) => setTimeout(r, 8_000))]);
}

async function waitFor(url: string, headers: Record<string, string>) {
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(url, { headers }).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not ready: ${url}`);
}

/** CPU time (user + system, ms) a process has used: less sensitive to a shared machine than req/s. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

interface Run {
  cpuUs: number;
  rps: number;
  p50: number;
  p99: number;
  windows: number[];
  bad: number;
}

async function measure(opts: object, seconds: number, pid: number): Promise<Run> {
  const ticks: number[] = [];
  const cpu0 = cpuMs(pid);
  const instance = autocannon({ ...opts, connections: CLIENTS, duration: seconds });
  instance.on("tick", (t) => ticks.push(t.counter));
  const r = await instance;
  const cpuUs =
    ((cpuMs(pid) - cpu0) * 1000) /
    Math.max(
      1,
      ticks.reduce((a, b) => a + b, 0),
    );
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
  const windows: number[] = [];
  for (let i = 0; i + WINDOW <= ticks.length; i += WINDOW) windows.push(avg(ticks.slice(i, i + WINDOW)));
  return { cpuUs, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, windows, bad: r.non2xx + r.errors };
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const n0 = (x: number) => Math.round(x).toLocaleString("en-US").padStart(7);

async function main() {
  const work = mkdtempSync(path.join(os.tmpdir(), "cm-bench-engine-"));
  const server = await createServerDatabase();
  const dbUrl = server?.url;
  const appDir = path.join(work, "app");
  const { projectId, externalIds, token } = await seed(dbUrl ? { url: dbUrl } : { dir: path.join(appDir, "pglite") });
  // PGlite is one process per directory: the baseline gets its own copy of the seeded database.
  if (!dbUrl) cpSync(path.join(appDir, "pglite"), path.join(work, "baseline"), { recursive: true });
  const common = { ENCRYPTION_KEYS: keys, LOG_LEVEL: "warn", DATABASE_URL: dbUrl ?? "" };
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const profileDir = process.env.BENCH_PROFILE;

  const sidesFor = (setup: Setup) => {
    const alone = setup !== "serve";
    const resolveMode = setup === "resolve";
    return {
      engine: {
        launch: () =>
          start(
            [alone ? "engine.ts" : "server.ts"],
            {
              ...common,
              NODE_ENV: "production",
              PORT: String(PORT),
              ENGINE_PORT: String(PORT),
              HOSTNAME: "127.0.0.1",
              DATA_DIR: appDir,
              AUTH_SECRET: randomBytes(32).toString("base64url"),
              BACKGROUND_JOBS: "off",
              OAUTH_REFRESH_SCHEDULER: "off",
              NEXT_TELEMETRY_DISABLED: "1",
            },
            profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}/${setup}-engine`] : [],
          ),
        ready: `http://127.0.0.1:${PORT}/api/v1/worker/connections/${externalIds[0]}`,
        load: resolveMode
          ? {
              url: `http://127.0.0.1:${PORT}/api/v1/worker/resolve`,
              method: "POST",
              headers,
              body: JSON.stringify({
                input: Object.fromEntries(externalIds.map((id, i) => [`step${i}`, { auth: `{{connections['${id}']}}`, model: "gpt-4o-mini" }])),
              }),
            }
          : { url: `http://127.0.0.1:${PORT}`, headers, requests: externalIds.map((id) => ({ method: "GET", path: `/api/v1/worker/connections/${id}` })) },
      },
      baseline: {
        launch: () =>
          start(
            ["bench/baseline-server.ts"],
            { ...common, BASELINE_PORT: String(PORT + 1), PROJECT_ID: projectId, PGLITE_DIR: path.join(work, "baseline") },
            profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}/${setup}-baseline`] : [],
          ),
        ready: `http://127.0.0.1:${PORT + 1}/x/${externalIds[0]}`,
        load: { url: `http://127.0.0.1:${PORT + 1}`, requests: externalIds.map((id) => ({ method: "GET", path: `/x/${id}` })) },
      },
    };
  };

  const summaries: string[] = [];
  try {
    const label = dbUrl ? `PostgreSQL (${new URL(dbUrl).host})` : "embedded PGlite";
    console.log(
      `Engine API vs bare server, ${label}: ${CLIENTS} clients, ${WARMUP} s warm-up + ${SECONDS} s per run, ${ROUNDS} rounds per set-up, fresh process per run, ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")}`,
    );
    for (const setup of SETUPS) {
      const resolveMode = setup === "resolve";
      const sides = sidesFor(setup);
      const title = {
        serve: "server.ts (Next + engine API, npm run serve): GET /worker/connections/{id} vs bare GET",
        engine: "engine.ts alone (npm run serve:engine): GET /worker/connections/{id} vs bare GET",
        resolve: `engine.ts alone: POST /worker/resolve (${REFS} references) vs ${REFS} bare GETs`,
      }[setup];
      console.log(`\n${title} — load average ${os.loadavg()[0]!.toFixed(1)}`);
      const ratios: number[] = [];
      const cpuRatios: number[] = [];
      const all: Record<"engine" | "baseline", Run[]> = { engine: [], baseline: [] };
      for (let round = 1; round <= ROUNDS; round++) {
        const order = round % 2 === 1 ? (["engine", "baseline"] as const) : (["baseline", "engine"] as const);
        const runs: Partial<Record<"engine" | "baseline", Run>> = {};
        for (const which of order) {
          const side = sides[which];
          const child = side.launch();
          try {
            await waitFor(side.ready, headers);
            await measure(side.load, WARMUP, child.pid!);
            const r = await measure(side.load, SECONDS, child.pid!);
            runs[which] = r;
            all[which].push(r);
            const drift = r.windows.length > 1 ? ` (last vs first ${(((r.windows.at(-1)! - r.windows[0]!) / r.windows[0]!) * 100).toFixed(0)} %)` : "";
            console.log(
              `  round ${round} ${which.padEnd(8)} ${n0(r.rps)} req/s  p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(3)} ms  CPU ${r.cpuUs.toFixed(0).padStart(4)} µs/req  non-2xx/errors ${r.bad}  per ${WINDOW} s: ${r.windows.map((w) => Math.round(w)).join(" ")}${drift}`,
            );
          } finally {
            await stop(child);
          }
        }
        const ratio = runs.engine!.rps / (runs.baseline!.rps / (resolveMode ? REFS : 1));
        ratios.push(ratio);
        // Requests per CPU-second, as req/s: what the ratio would be if each side had the cores alone.
        const cpuRatio = (runs.baseline!.cpuUs * (resolveMode ? REFS : 1)) / runs.engine!.cpuUs;
        cpuRatios.push(cpuRatio);
        console.log(`  round ${round} ratio ${ratio.toFixed(2)}  (CPU per request: ${cpuRatio.toFixed(2)})  load average ${os.loadavg()[0]!.toFixed(1)}`);
      }
      const e = all.engine;
      const b = all.baseline;
      const side = (name: string, xs: Run[]) =>
        `  ${name} median ${n0(median(xs.map((r) => r.rps)))} req/s (${n0(Math.min(...xs.map((r) => r.rps)))} – ${n0(Math.max(...xs.map((r) => r.rps)))})  p50 median ${median(xs.map((r) => r.p50))} ms  p99 median ${median(xs.map((r) => r.p99))} ms (max ${Math.max(...xs.map((r) => r.p99))})`;
      const lines = [
        side("engine API ", e),
        side("baseline   ", b),
        `  ratio engine/${resolveMode ? `(baseline/${REFS})` : "baseline"}  median ${median(ratios).toFixed(2)}  (${Math.min(...ratios).toFixed(2)} – ${Math.max(...ratios).toFixed(2)})`,
        `  same ratio from CPU per request (server process only)  median ${median(cpuRatios).toFixed(2)}  (${Math.min(...cpuRatios).toFixed(2)} – ${Math.max(...cpuRatios).toFixed(2)})`,
      ];
      for (const line of lines) console.log(line);
      summaries.push(`${title}\n${lines.join("\n")}`);
    }
    console.log(
      `\nSummary (load average now ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")})\n${summaries.join("\n")}`,
    );
  } finally {
    await server?.drop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
