/**
 * Engine API throughput: GET /api/v1/worker/connections/{externalId} on the production start-up
 * (`node --import tsx server.ts` after `npm run build`: Next and the engine API on one port)
 * against a bare node:http baseline doing the same indexed select + one AES-256-GCM decrypt.
 * autocannon, 50 connections, rounds alternating engine / baseline. Prints each round, the
 * medians and the ratio.
 *
 *   npm run build && npm run bench:engine                                         # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:engine
 *   BENCH_ROUNDS=3 BENCH_SECONDS=10 ENGINE_TOKEN_CACHE_SECONDS=0 …                  # knobs
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
// @ts-expect-error -- autocannon ships no type declarations; the part used is typed below.
import autocannonModule from "autocannon";
import { createServerDatabase } from "./server-database";

interface Result {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
const autocannon = autocannonModule as (opts: object) => Promise<Result>;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = 50;
const ENGINE_PORT = 3481;
const BASELINE_PORT = 3482;
const keys = `bench:${randomBytes(32).toString("base64")}`;
const authSecret = randomBytes(32).toString("base64url");
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
  const { connection } = await createConnection({
    ctx,
    input: { pieceName: "openai", type: "SECRET_TEXT", displayName: "Bench key", credentials: { secret_text: `sk-bench${randomBytes(24).toString("hex")}` } },
  });
  const { token } = await createApiKey({ ctx, input: { name: "bench", scopes: ["connections:read"] } });
  await handle.close();
  return { projectId: project!.id, externalId: connection.externalId, token };
}

function start(args: string[], env: Record<string, string>): ChildProcess {
  const extra = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(" ") : [];
  const child = spawn(process.execPath, [...extra, "--import", "tsx", ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"], detached: true });
  return child;
}

async function waitFor(url: string, headers: Record<string, string> = {}) {
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(url, { headers }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not ready: ${url}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const work = mkdtempSync(path.join(os.tmpdir(), "cm-bench-engine-"));
  const server = await createServerDatabase();
  const dbUrl = server?.url;
  const appDir = path.join(work, "app");
  const { projectId, externalId, token } = await seed(dbUrl ? { url: dbUrl } : { dir: path.join(appDir, "pglite") });
  // PGlite is one process per directory: the baseline gets its own copy of the seeded database.
  if (!dbUrl) cpSync(path.join(appDir, "pglite"), path.join(work, "baseline"), { recursive: true });

  const common = { ENCRYPTION_KEYS: keys, LOG_LEVEL: "warn", DATABASE_URL: dbUrl ?? "" };
  // BENCH_SERVER=engine measures engine.ts alone (npm run serve:engine) instead of server.ts.
  const alone = process.env.BENCH_SERVER === "engine";
  const engine = start([alone ? "engine.ts" : "server.ts"], {
    ...common,
    NODE_ENV: "production",
    PORT: String(ENGINE_PORT),
    ENGINE_PORT: String(ENGINE_PORT),
    HOSTNAME: "127.0.0.1",
    DATA_DIR: appDir,
    AUTH_SECRET: authSecret,
    BACKGROUND_JOBS: "off",
    NEXT_TELEMETRY_DISABLED: "1",
  });
  const baseline = start(["bench/baseline-server.ts"], { ...common, BASELINE_PORT: String(BASELINE_PORT), PROJECT_ID: projectId, PGLITE_DIR: path.join(work, "baseline") });
  const stop = () => {
    for (const child of [engine, baseline]) if (child.pid) try { process.kill(-child.pid, "SIGTERM"); } catch {}
  };
  try {
    const headers = { authorization: `Bearer ${token}` };
    const targets = {
      engine: `http://127.0.0.1:${ENGINE_PORT}/api/v1/worker/connections/${externalId}`,
      baseline: `http://127.0.0.1:${BASELINE_PORT}/x/${externalId}`,
    };
    await Promise.all([waitFor(targets.engine, headers), waitFor(targets.baseline)]);
    const label = dbUrl ? `PostgreSQL (${new URL(dbUrl).host})` : "embedded PGlite";
    console.log(`${alone ? "engine.ts alone" : "server.ts (Next + engine API)"}, ${label}: ${CLIENTS} clients, ${SECONDS} s per run, ${ROUNDS} rounds, token cache ${process.env.ENGINE_TOKEN_CACHE_SECONDS ?? 5} s, ${os.cpus().length} cores`);
    for (const url of Object.values(targets)) await autocannon({ url, connections: CLIENTS, duration: 3, headers });

    const runs: Record<"engine" | "baseline", Result[]> = { engine: [], baseline: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const which of ["engine", "baseline"] as const) {
        const r = await autocannon({ url: targets[which], connections: CLIENTS, duration: SECONDS, headers });
        runs[which].push(r);
        console.log(
          `  round ${round} ${which.padEnd(8)} ${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(3)} ms  p99 ${String(r.latency.p99).padStart(3)} ms  non-2xx ${r.non2xx}  errors ${r.errors}`,
        );
      }
    }
    const summary = (which: "engine" | "baseline") => ({
      rps: median(runs[which].map((r) => r.requests.average)),
      p50: median(runs[which].map((r) => r.latency.p50)),
      p99: median(runs[which].map((r) => r.latency.p99)),
    });
    const e = summary("engine");
    const b = summary("baseline");
    console.log(`  median engine API   ${e.rps.toFixed(0)} req/s  p50 ${e.p50} ms  p99 ${e.p99} ms`);
    console.log(`  median baseline     ${b.rps.toFixed(0)} req/s  p50 ${b.p50} ms  p99 ${b.p99} ms`);
    console.log(`  ratio engine/baseline ${(e.rps / b.rps).toFixed(2)}`);
  } finally {
    stop();
    await new Promise((r) => setTimeout(r, 500));
    await server?.drop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
