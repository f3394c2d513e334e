/**
 * Re-encryption under load, on PostgreSQL:
 *  1. 100,000 connections sealed with k1; the engine API (engine.ts alone, ring "k2,k1") serves
 *     POST /worker/resolve at 50 clients: p99 before, then during `npm run keys -- reencrypt`
 *     (one process, the default throttle), the job's values/s and every failed resolve.
 *  2. Rotation to k3, then three `keys reencrypt` processes at once: counts by key id before and
 *     after, the values each process re-sealed (they must add up to the total: each value
 *     re-sealed exactly once), and every value decrypted and compared with its original.
 * The bare baseline is a re-seal loop in memory (no database) and the resolves before the job.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:reencrypt
 *   BENCH_CONNECTIONS=100000 BENCH_SECONDS=15 BENCH_ENGINE_PORT=3345 REENCRYPT_MAX_PER_SECOND=1000 …  (knobs)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
// @ts-expect-error -- autocannon ships no type declarations; the part used is typed below.
import autocannonModule from "autocannon";
import { sql } from "drizzle-orm";
import { createServerDatabase } from "./server-database";

interface Result {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Tracker = { stop: () => void };
const autocannon = autocannonModule as (opts: object, cb: (err: Error | null, r: Result) => void) => Tracker;

const COUNT = Number(process.env.BENCH_CONNECTIONS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const PORT = Number(process.env.BENCH_ENGINE_PORT ?? 3345);
const CLIENTS = 50;
const [K1, K2, K3] = ["k1", "k2", "k3"].map((id) => `${id}:${randomBytes(32).toString("base64")}`) as [string, string, string];
process.env.ENCRYPTION_KEYS = `${K2},${K1}`;
process.env.LOG_LEVEL = "warn";

function child(args: string[], env: Record<string, string>, capture = false): { proc: ChildProcess; output: Promise<{ code: number | null; out: string }> } {
  const proc = spawn(process.execPath, ["--import", "tsx", ...args], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", capture ? "pipe" : "ignore", "inherit"],
    detached: true,
  });
  let out = "";
  proc.stdout?.on("data", (d) => (out += d));
  return { proc, output: new Promise((resolve) => proc.on("exit", (code) => resolve({ code, out }))) };
}

function load(url: string, token: string, seconds: number): { tracker: Tracker; done: Promise<Result> } {
  let tracker!: Tracker;
  const done = new Promise<Result>((resolve, reject) => {
    tracker = autocannon(
      {
        url,
        connections: CLIENTS,
        duration: seconds,
        requests: [
          {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
            setupRequest: (req: object) => ({
              ...req,
              body: JSON.stringify({ input: { auth: `{{connections['c-${1 + Math.floor(Math.random() * COUNT)}']}}` } }),
            }),
          },
        ],
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
  });
  return { tracker, done };
}

const line = (label: string, r: Result) =>
  `${label.padEnd(34)} ${r.requests.average.toFixed(0).padStart(6)} resolves/s  p50 ${String(r.latency.p50).padStart(3)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  failed ${r.non2xx + r.errors} of ${r.requests.total}`;

async function main() {
  const server = await createServerDatabase();
  if (!server) throw new Error("Set BENCH_DATABASE_URL: three instances need a PostgreSQL server");
  const { openDatabase } = await import("@/server/db/client");
  const { encryptJson, decryptJson, reencrypt } = await import("@/server/crypto/envelope");
  const { parseKeyRing } = await import("@/server/crypto/keyring");
  const { createApiKey } = await import("@/server/api-tokens/create-api-key");
  const { connections, projects } = await import("@/server/db/schema");
  const { rows } = await import("../tests/support/sql");
  const main = await openDatabase({ url: server.url });
  const engine: ChildProcess[] = [];
  try {
    const k1Only = parseKeyRing(K1);
    const [project] = await main.db.insert(projects).values({ name: "Bench" }).returning();
    const originals = new Map<string, string>();
    let t0 = performance.now();
    for (let start = 1; start <= COUNT; start += 2_000) {
      const batch = [];
      for (let i = start; i < Math.min(start + 2_000, COUNT + 1); i++) {
        const id = randomUUID();
        const secret = `sk-bench${randomBytes(16).toString("hex")}`;
        originals.set(id, secret);
        const sealed = encryptJson(k1Only, { type: "SECRET_TEXT", secret_text: secret }, id);
        batch.push({
          id,
          projectId: project!.id,
          externalId: `c-${i}`,
          displayName: `Bench ${i}`,
          pieceName: "openai",
          type: "SECRET_TEXT" as const,
          status: "ACTIVE" as const,
          value: sealed.ciphertext,
          keyId: sealed.keyId,
        });
      }
      await main.db.insert(connections).values(batch);
    }
    await main.db.execute(sql`analyze connections`);
    const ctx = { db: main.db, actor: { type: "SYSTEM" as const, id: null, label: "bench" }, projectId: project!.id, role: "ADMIN" as const };
    const { token } = await createApiKey({ ctx, input: { name: "bench", scopes: ["connections:read"] } });
    console.log(
      `PostgreSQL (${server.host}), ${COUNT.toLocaleString()} connections sealed with k1 in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${CLIENTS} clients`,
    );

    // Bare baseline: open + re-seal in memory, no database.
    const ring21 = parseKeyRing(`${K2},${K1}`);
    const sample = await rows<{ id: string; value: string }>(main.db, sql`select id, value from connections limit 20000`);
    t0 = performance.now();
    for (const r of sample) reencrypt(ring21, { ciphertext: r.value, keyId: "k1" }, r.id);
    console.log(`bare re-seal in memory (baseline)   ${(sample.length / ((performance.now() - t0) / 1000)).toFixed(0)} values/s`);

    const common = { DATABASE_URL: server.url, ENCRYPTION_KEYS: `${K2},${K1}` };
    const api = child(["engine.ts"], {
      ...common,
      NODE_ENV: "production",
      ENGINE_PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      BACKGROUND_JOBS: "off",
      ENGINE_TOKEN_CACHE_SECONDS: "5",
    });
    engine.push(api.proc);
    const url = `http://127.0.0.1:${PORT}/api/v1/worker/resolve`;
    for (let i = 0; i < 150; i++) {
      const ok = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: '{"input":{}}',
      }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await load(url, token, 3).done; // warm-up
    console.log(line("resolves before (baseline)", await load(url, token, SECONDS).done));

    // 1. One re-encryption process while the engine serves.
    const during = load(url, token, 3_600);
    t0 = performance.now();
    const job = child(["scripts/keys.ts", "reencrypt"], common, true);
    const { code } = await job.output;
    const seconds = (performance.now() - t0) / 1000;
    during.tracker.stop();
    console.log(line("resolves during re-encryption", await during.done));
    console.log(`re-encryption k1 → k2 (1 process)   ${(COUNT / seconds).toFixed(0)} values/s, ${seconds.toFixed(1)} s, exit ${code}`);
    const after1 = await rows<{ key_id: string; n: number }>(main.db, sql`select key_id, count(*)::int as n from connections group by key_id`);
    console.log(`  by key id after: ${after1.map((r) => `${r.key_id} ${r.n}`).join(", ")}`);
    for (const p of engine) if (p.pid) process.kill(-p.pid, "SIGTERM");

    // 2. Three processes together, k2 → k3.
    const ring3 = { ...common, ENCRYPTION_KEYS: `${K3},${K2},${K1}` };
    const before = await rows<{ key_id: string; n: number }>(main.db, sql`select key_id, count(*)::int as n from connections group by key_id`);
    t0 = performance.now();
    const three = [1, 2, 3].map(() => child(["scripts/keys.ts", "reencrypt"], ring3, true));
    const outs = await Promise.all(three.map((c) => c.output));
    const seconds3 = (performance.now() - t0) / 1000;
    const mine = outs.map((o) => Number(/This process re-sealed (\d+)/.exec(o.out)?.[1] ?? NaN));
    const after = await rows<{ key_id: string; n: number }>(main.db, sql`select key_id, count(*)::int as n from connections group by key_id`);
    console.log(
      `re-encryption k2 → k3 (3 processes) ${(COUNT / seconds3).toFixed(0)} values/s, ${seconds3.toFixed(1)} s, exits ${outs.map((o) => o.code).join(",")}`,
    );
    console.log(`  by key id before: ${before.map((r) => `${r.key_id} ${r.n}`).join(", ")}; after: ${after.map((r) => `${r.key_id} ${r.n}`).join(", ")}`);
    console.log(`  re-sealed per process: ${mine.join(" + ")} = ${mine.reduce((a, b) => a + b, 0)}`);

    const ring = parseKeyRing(`${K3},${K2},${K1}`);
    const all = await rows<{ id: string; value: string; key_id: string }>(main.db, sql`select id, value, key_id from connections`);
    let matching = 0;
    for (const r of all) {
      const v = decryptJson<{ secret_text: string }>(ring, { ciphertext: r.value, keyId: r.key_id }, r.id);
      if (v.secret_text === originals.get(r.id)) matching++;
    }
    const exact = mine.reduce((a, b) => a + b, 0) === COUNT && after.length === 1 && after[0]!.key_id === "k3" && matching === COUNT;
    console.log(`  ${matching} of ${COUNT} values decrypt to their original`);
    console.log(exact ? "OK: every value re-sealed exactly once, none lost or corrupted" : "FAILED: not exactly one re-seal per value");
    if (!exact) process.exitCode = 1;
  } finally {
    for (const p of engine)
      if (p.pid)
        try {
          process.kill(-p.pid, "SIGTERM");
        } catch {}
    await main.close();
    await new Promise((r) => setTimeout(r, 500));
    await server.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
