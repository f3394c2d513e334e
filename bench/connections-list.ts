/**
 * The Connections page's list procedure on 100,000 connections in one project: each scenario
 * called in-process (the service and its queries alone: the baseline) and, with BENCH_HTTP=1,
 * over HTTP as the browser calls it (signed in, tRPC GET on the production start-up, which needs
 * `npm run build`). Prints p50 / p99 / max in milliseconds, side by side.
 *
 *   npm run bench:list                                  # PGlite, in-process only
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:list
 *   npm run build && BENCH_HTTP=1 BENCH_DATABASE_URL=… npm run bench:list
 *   BENCH_CONNECTIONS=100000 BENCH_ROUNDS=200 BENCH_PORT=3372 BENCH_PROFILE=dir   # knobs
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { seedConnections } from "./seed";
import { createServerDatabase } from "./server-database";

const COUNT = Number(process.env.BENCH_CONNECTIONS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const PORT = Number(process.env.BENCH_PORT ?? 3372);
const HTTP = process.env.BENCH_HTTP === "1";
const OWNER = { name: "Bench Owner", email: "bench@example.test", password: "bench-password-123", projectName: "Bench" };
const env = { ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64")}`, AUTH_SECRET: randomBytes(32).toString("base64url"), LOG_LEVEL: "warn" };
Object.assign(process.env, env);

const scenarios: [string, Record<string, unknown>][] = [
  ["search 'support inbox 12' + Active, by name", { search: "support inbox 12", status: ["ACTIVE"], sort: "name", dir: "asc" }],
  ["search 'support inbox 12' + Active, newest", { search: "support inbox 12", status: ["ACTIVE"] }],
  ["search 'slack' + Active, by name", { search: "slack", status: ["ACTIVE"], sort: "name", dir: "asc" }],
  ["search 'slack' + Active, newest", { search: "slack", status: ["ACTIVE"] }],
  ["search 'github' + Error, newest", { search: "github", status: ["ERROR"] }],
  ["status Active, by name", { status: ["ACTIVE"], sort: "name", dir: "asc" }],
  ["no filter, newest", {}],
];

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return `p50 ${at(0.5).toFixed(1).padStart(5)}  p99 ${at(0.99).toFixed(1).padStart(5)}  max ${s[s.length - 1]!.toFixed(1).padStart(6)}`;
}

const WARMUP_ROUNDS = Number(process.env.BENCH_WARMUP_ROUNDS ?? 20);

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 10; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

async function waitFor(url: string) {
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not ready: ${url}`);
}

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]!);

/** Signs in through next-auth's credentials callback, as the sign-in form does; returns the cookie header. */
async function signIn(base: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, email: OWNER.email, password: OWNER.password, callbackUrl: base }),
  });
  const session = cookiesOf(res).filter((c) => c.includes("session-token"));
  if (session.length === 0) throw new Error(`sign-in failed: ${res.status}`);
  return session.join("; ");
}

async function main() {
  const { openDatabase } = await import("@/server/db/client");
  const { completeSetup } = await import("@/server/setup/complete-setup");
  const { listConnections } = await import("@/server/connections/list-connections");
  const work = mkdtempSync(path.join(os.tmpdir(), "cm-bench-list-"));
  const server = await createServerDatabase();
  const dbUrl = server?.url;
  let app: ChildProcess | null = null;
  try {
    const handle = await openDatabase(dbUrl ? { url: dbUrl } : { dir: path.join(work, "pglite") });
    const { projectId, userId } = await completeSetup({ db: handle.db, input: OWNER });
    const t0 = performance.now();
    await seedConnections(handle.db, projectId, COUNT);
    const label = dbUrl ? `PostgreSQL (${server!.host})` : "embedded PGlite";
    console.log(
      `${label}: seeded ${COUNT.toLocaleString()} connections in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${ROUNDS} calls per scenario, page of 20, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
    );

    const ctx = { db: handle.db, actor: { type: "USER" as const, id: userId, label: OWNER.email }, projectId, role: "ADMIN" as const };
    const inProcess = new Map<string, { total: string; samples: number[] }>();
    // Both sides are warmed on every scenario before the first is measured, so the first one does
    // not pay for a cold process (JIT, the pool, the planner's caches) alone.
    for (let i = 0; i < WARMUP_ROUNDS; i++) for (const [, input] of scenarios) await listConnections({ ctx, input: { ...input, pageSize: 20 } });
    for (const [name, input] of scenarios) {
      let total = "";
      const samples = await time(async () => {
        const page = await listConnections({ ctx, input: { ...input, pageSize: 20 } });
        total = page.totalExact ? String(page.total) : `>${page.total}`;
      });
      inProcess.set(name, { total, samples });
    }
    await handle.close();
    if (!HTTP) {
      for (const [name, r] of inProcess) console.log(`  ${name.padEnd(46)} matches ${r.total.padStart(6)}  in-process ${stats(r.samples)} ms`);
      return;
    }

    // BENCH_PROFILE=dir: a CPU profile of the app server, written when it stops.
    const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
    app = spawn(process.execPath, [...profile, "--import", "tsx", "server.ts"], {
      env: {
        ...process.env,
        ...env,
        NODE_ENV: "production",
        PORT: String(PORT),
        HOSTNAME: "127.0.0.1",
        DATA_DIR: work,
        DATABASE_URL: dbUrl ?? "",
        BACKGROUND_JOBS: "off",
        OAUTH_REFRESH_SCHEDULER: "off",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    });
    const base = `http://127.0.0.1:${PORT}`;
    await waitFor(`${base}/sign-in`);
    const cookie = await signIn(base);
    console.log("  in-process is the service and its queries alone (the baseline); HTTP adds session, tRPC, the door and the network");
    const urlOf = (input: object) =>
      `${base}/api/trpc/connection.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: { projectId, ...input, pageSize: 20 } } }))}`;
    for (let i = 0; i < WARMUP_ROUNDS; i++) for (const [, input] of scenarios) await (await fetch(urlOf(input), { headers: { cookie } })).arrayBuffer();
    for (const [name, input] of scenarios) {
      const url = urlOf(input);
      const samples = await time(async () => {
        const res = await fetch(url, { headers: { cookie } });
        if (!res.ok) throw new Error(`${name}: HTTP ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      });
      const r = inProcess.get(name)!;
      console.log(`  ${name.padEnd(46)} matches ${r.total.padStart(6)}  in-process ${stats(r.samples)}  |  HTTP ${stats(samples)} ms`);
    }
  } finally {
    if (app?.pid) {
      try {
        process.kill(-app.pid, "SIGTERM");
      } catch {}
      await new Promise((r) => setTimeout(r, 1000));
    }
    await server?.drop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
