/**
 * `npm run soak`: the whole product as several instances behind HAProxy, under mixed load, while
 * things fail on a schedule; checks at the end, printed as a table; exit code 1 on any failure.
 *
 *   npm run soak                         # 180 s
 *   SOAK_SECONDS=60 npm run soak         # the short run CI does
 *   SOAK_REPORT=.test-summary/soak.json  # also write the checks as a test report
 *   SOAK_BUILD=0 / SOAK_BUILD=1          # use the existing .next whatever its age / always build first
 *   SOAK_KEEP=1                          # keep the work folder (instance and HAProxy logs)
 *
 * Starts (each by pid, in its own process group, all stopped at the end, on failure and on Ctrl-C):
 * a private PostgreSQL cluster, the local OAuth provider (in this process), three app instances
 * (`npm run serve`'s command), one engine-only instance (`npm run serve:engine`'s), HAProxy.
 * Uses the production build in .next, building it first when missing or older than the sources.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  ACCESS_TOKEN_SECONDS,
  HEALTH_INTERVAL_MINUTES,
  LB,
  OAUTH_CONNECTIONS,
  OAUTH_PIECE,
  OUTAGE_SECONDS,
  OWNER,
  PORTS,
  PROVIDER_ACCOUNT,
  PROVIDER_CLIENT,
  REFRESH_MARGIN_SECONDS,
  REPLACE_FLOWS,
  SECRET_CONNECTIONS,
  SOAK_SECONDS,
  SECRETS,
  TOKEN_CACHE_SECONDS,
  sharedEnv,
} from "./config";
import { call, clock, now, samples } from "./http";
import {
  createPgCluster,
  haproxyBinary,
  killAllNow,
  signalProc,
  startProcess,
  stopAll,
  stopProc,
  writeHaproxyConfig,
  type PgCluster,
  type Proc,
} from "./procs";
import { runDriver, type DriverState } from "./driver";
import { serverActions } from "./actions";
import { runChecks, type Timeline } from "./checks";
import { collectGarbage } from "./gc";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WORK = mkdtempSync(path.join(os.tmpdir(), "cm-soak-"));
const LOGS = path.join(WORK, "logs");
mkdirSync(LOGS);

function log(msg: string) {
  console.log(`[soak ${(now() / 1000).toFixed(1).padStart(6)} s] ${msg}`);
}

// ---------------------------------------------------------------------------------------------
// The build

function newestMtime(dir: string, depth = 0): number {
  if (depth > 10 || !existsSync(dir)) return 0;
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const full = path.join(dir, name);
    const st = statSync(full);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(full, depth + 1) : st.mtimeMs);
  }
  return newest;
}

/** The production build is reused when .next/BUILD_ID is newer than every source file; else built now. */
function ensureBuild() {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const sources = Math.max(newestMtime(path.join(ROOT, "src")), ...["next.config.ts", "package.json"].map((f) => statSync(path.join(ROOT, f)).mtimeMs));
  if (process.env.SOAK_BUILD === "0") {
    if (!built) throw new Error("no production build in .next and SOAK_BUILD=0: run `npm run build` first");
    log(`using the existing production build as told (SOAK_BUILD=0)${built > sources ? "" : ", although it is older than the sources"}`);
    return;
  }
  if (built > sources && process.env.SOAK_BUILD !== "1") {
    log("using the existing production build (.next is newer than the sources)");
    return;
  }
  log(built ? "the production build is older than the sources: npm run build" : "no production build: npm run build");
  const r = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], timeout: 15 * 60_000 });
  if (r.status !== 0) throw new Error("npm run build failed");
}

// ---------------------------------------------------------------------------------------------
// Instances

interface Instance {
  name: string;
  port: number;
  kind: "app" | "engine";
  proc: Proc | null;
  /** Every pid this instance ran as (a restart adds one). */
  pids: number[];
  restarts: number;
}

let dbUrl = "";
const instances: Instance[] = [
  ...PORTS.apps.map((port, i) => ({ name: `app${i + 1}`, port, kind: "app" as const, proc: null, pids: [], restarts: 0 })),
  { name: "engine1", port: PORTS.engine, kind: "engine" as const, proc: null, pids: [], restarts: 0 },
];

function startInstance(inst: Instance) {
  const env = {
    ...process.env,
    ...sharedEnv(dbUrl),
    DATA_DIR: path.join(WORK, `data-${inst.name}`),
    ...(inst.kind === "app" ? { PORT: String(inst.port) } : { ENGINE_PORT: String(inst.port), BACKGROUND_JOBS: "off" }),
  };
  // The commands of `npm run serve` and `npm run serve:engine`, without npm in between (its pid is the instance's).
  // The inspector listens on loopback only, for the memory check's forced collections.
  const script = inst.kind === "app" ? "server.ts" : "engine.ts";
  const inspect = `--inspect=127.0.0.1:${inst.port + PORTS.inspectOffset}`;
  inst.proc = startProcess(inst.name, process.execPath, [inspect, "--import", "tsx", script], { cwd: ROOT, env, logFile: path.join(LOGS, `${inst.name}.log`) });
  inst.pids.push(inst.proc.pid);
}

async function waitReady(inst: Instance, timeoutMs: number): Promise<number | null> {
  const started = now();
  while (now() - started < timeoutMs) {
    const r = await call("probe", "/readyz", { base: `http://127.0.0.1:${inst.port}`, record: false, timeoutMs: 2_000 });
    if (r.status === 200) return now();
    if (inst.proc?.exitCode() !== undefined) throw new Error(`${inst.name} exited during start-up (see ${path.join(LOGS, `${inst.name}.log`)})`);
    await sleep(250);
  }
  return null;
}

function rssKb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------

let pg: PgCluster | null = null;
let provider: { close: () => Promise<void> } | null = null;
let cleaningUp: Promise<void> | null = null;

/** Stops everything; the logs are kept when the soak failed (or SOAK_KEEP=1), the database never. */
async function cleanup(keepLogs = false) {
  cleaningUp ??= (async () => {
    await stopAll();
    await provider?.close().catch(() => {});
    await pg?.destroy().catch(() => {});
    if (keepLogs || process.env.SOAK_KEEP === "1") console.log(`Logs kept in ${LOGS}`);
    else rmSync(WORK, { recursive: true, force: true });
  })();
  return cleaningUp;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping everything the soak started`);
    void cleanup().finally(() => process.exit(130));
  });
}
process.on("exit", () => killAllNow());

async function main() {
  console.log(
    `Soak: ${SOAK_SECONDS} s through HAProxy at ${LB}; 3 app instances + 1 engine-only; ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log(`Work folder (logs): ${WORK}${process.env.SOAK_KEEP === "1" ? "" : " (removed at the end; SOAK_KEEP=1 keeps it)"}`);
  ensureBuild();
  haproxyBinary();

  // Its own temporary folder: initdb runs as the postgres OS user, who cannot enter WORK (0700, root's).
  pg = await createPgCluster(mkdtempSync(path.join(os.tmpdir(), "cm-soak-pg-")), PORTS.postgres);
  dbUrl = pg.url;
  Object.assign(process.env, sharedEnv(dbUrl), { DATA_DIR: path.join(WORK, "data-seed") });
  log(`PostgreSQL cluster on 127.0.0.1:${PORTS.postgres}`);

  // The local OAuth provider: short-lived access tokens, rotating refresh tokens (a reused one is refused and revokes the grant).
  const { startOidcServer } = await import("../../tests/support/oidc-server");
  const oidc = await startOidcServer({
    port: PORTS.provider,
    clients: [
      {
        client_id: PROVIDER_CLIENT.id,
        client_secret: PROVIDER_CLIENT.secret,
        redirect_uris: [`${LB}/api/oauth/callback`],
        grant_types: ["authorization_code", "refresh_token"],
        scope: "api refresh_token",
      },
    ],
    // One provider account per connection: the provider keeps one grant per account and client, so each connection has its own grant to count.
    accounts: Array.from({ length: OAUTH_CONNECTIONS }, (_, i) => ({ ...PROVIDER_ACCOUNT, username: `${PROVIDER_ACCOUNT.username}-${i}` })),
    scopes: ["api", "refresh_token"],
    rotateRefreshTokens: true,
    ttl: { AccessToken: ACCESS_TOKEN_SECONDS },
  });
  provider = oidc;

  // Seed through the services, as an operator's first day would through the UI.
  const { openDatabase } = await import("@/server/db/client");
  const { completeSetup } = await import("@/server/setup/complete-setup");
  const { createApiKey } = await import("@/server/api-tokens/create-api-key");
  const { createConnection } = await import("@/server/connections/create-connection");
  const { saveFlow } = await import("@/server/flows/save-flow");
  const { startAuthorization } = await import("@/server/oauth/authorize/start-authorization");
  const { completeAuthorization } = await import("@/server/oauth/authorize/complete-authorization");
  const { userPrincipal } = await import("@/server/authz/principal");
  const { CookieJar, authorizeAtProvider } = await import("../../tests/support/oauth-browser");
  const handle = await openDatabase({ url: dbUrl });
  const db = handle.db;
  const setup = await completeSetup({ db, input: OWNER });
  const user = { id: setup.userId, email: OWNER.email, name: OWNER.name, isPlatformAdmin: true };
  const ctx = { db, actor: { type: "USER" as const, id: setup.userId, label: OWNER.email }, projectId: setup.projectId, role: "ADMIN" as const };
  const key = async (name: string, scopes: ("connections:read" | "flows:write" | "embed:sessions")[]) => createApiKey({ ctx, input: { name, scopes } });
  const resolveKey = (await key("soak resolves", ["connections:read"])).token;
  const flowKey = (await key("soak flows", ["flows:write", "connections:read"])).token;
  const embedKey = (await key("soak embed", ["embed:sessions"])).token;
  const revoked = await key("soak key to revoke", ["connections:read"]);
  const secretRefs: string[] = [];
  for (let i = 0; i < SECRET_CONNECTIONS; i++) {
    const { connection } = await createConnection({
      ctx,
      input: { pieceName: "openai", type: "SECRET_TEXT", displayName: `Soak key ${i}`, credentials: { secret_text: `sk-test${String(i).padStart(30, "0")}` } },
    });
    secretRefs.push(connection.externalId);
  }
  const { connection: target } = await createConnection({
    ctx,
    input: { pieceName: "openai", type: "SECRET_TEXT", displayName: "Soak replace target", credentials: { secret_text: `sk-test${"9".repeat(30)}` } },
  });
  for (let i = 0; i < REPLACE_FLOWS; i++) {
    await saveFlow({
      ctx,
      input: {
        flowId: `soak-replace-${i}`,
        name: `Replace flow ${i}`,
        draft: [{ name: "step_1", pieceName: "openai", input: { auth: `{{connections['${target.externalId}']}}` } }],
        publish: true,
      },
    });
  }
  const grantOf = new Map<string, string>();
  const oauthRefs: string[] = [];
  for (let i = 0; i < OAUTH_CONNECTIONS; i++) {
    const jar = new CookieJar();
    const started = await startAuthorization({ ctx, input: { pieceName: OAUTH_PIECE, displayName: `Soak OAuth ${i}` } });
    const callback = await authorizeAtProvider(
      started.authorizeUrl!,
      `${LB}/api/oauth/callback`,
      { username: `${PROVIDER_ACCOUNT.username}-${i}`, password: PROVIDER_ACCOUNT.password },
      jar,
    );
    const outcome = await completeAuthorization({ ctx: { db, principal: userPrincipal(user) }, input: { params: callback.searchParams } });
    if (!outcome.ok) throw new Error(`OAuth2 connection setup failed: ${outcome.error}`);
    const exchange = oidc.tokenRequests.filter((r) => r.grantType === "authorization_code").at(-1);
    if (!exchange?.grantId) throw new Error("the provider did not record the grant of an authorization");
    grantOf.set(started.connection.id, exchange.grantId);
    oauthRefs.push(started.connection.externalId);
  }
  log(
    `seeded: ${SECRET_CONNECTIONS} secret connections, ${OAUTH_CONNECTIONS} OAuth2 connections (tokens live ${ACCESS_TOKEN_SECONDS} s), ${REPLACE_FLOWS} flows on one connection, 4 API keys`,
  );

  // Instances and the load balancer.
  for (const inst of instances) startInstance(inst);
  for (const inst of instances) {
    if ((await waitReady(inst, 120_000)) === null) throw new Error(`${inst.name} was not ready within 120 s`);
  }
  const cfg = writeHaproxyConfig(WORK, {
    port: PORTS.balancer,
    apps: instances.filter((i) => i.kind === "app").map((i) => ({ name: i.name, port: i.port })),
    engines: instances.filter((i) => i.kind === "engine").map((i) => ({ name: i.name, port: i.port })),
  });
  const check = spawnSync(haproxyBinary(), ["-c", "-q", "-f", cfg], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`HAProxy refused its configuration: ${check.stderr}`);
  startProcess("haproxy", haproxyBinary(), ["-db", "-f", cfg], { logFile: path.join(LOGS, "haproxy.log") });
  for (let i = 0; i < 60; i++) {
    if ((await call("probe", "/readyz", { record: false, timeoutMs: 2_000 })).status === 200) break;
    await sleep(250);
  }
  log("3 app instances, 1 engine-only instance and HAProxy are up");

  const actions = serverActions(path.join(ROOT, ".next"), setup.projectId);
  if (!actions) log("WARNING: the Delete and Replace server actions were not found in the build: those writes are skipped");

  // ---- the run
  clock.t0 = performance.now();
  const S = SOAK_SECONDS * 1000;
  const tl: Timeline = {
    warmupEnd: Math.max(15_000, 0.15 * S),
    steadyFrom: 0,
    kill: Math.max(20_000, 0.25 * S),
    killWall: 0,
    term: 0.4 * S,
    instancesBack: 0,
    pgStop: 0.6 * S,
    pgStart: 0,
    revoke: 0.8 * S,
    end: S,
    recovery: {},
    revocation: {},
    revokedBefore: {},
    lostWithKill: [],
    rssWarm: {},
    rssEnd: {},
    gcWarm: {},
    gcEnd: {},
    heapWarm: {},
    heapEnd: {},
    restartedPids: {},
    pidsAtPgStop: {},
    pidsAfterRecovery: {},
    drain: {},
  };
  const state: DriverState = {
    // Set for real once the last fault is over (every phase gets load); this bounds the loops meanwhile.
    until: S + 600_000,
    projectId: setup.projectId,
    resolveKey,
    flowKey,
    embedKey,
    secretRefs,
    oauthRefs,
    replaceTarget: { id: target.id, externalId: target.externalId },
    writes: [],
    embedReuseAccepted: 0,
    embedExchanges: 0,
    errors: [],
  };
  const driver = runDriver(state, actions, SOAK_SECONDS);

  const at = async (t: number) => {
    while (now() < t) await sleep(Math.min(250, t - now()));
  };
  const byName = (n: string) => instances.find((i) => i.name === n)!;
  /**
   * The RSS right after a full collection (asked through the instance's inspector): without it the
   * reading moves with garbage V8 has not collected yet, by ±20 % between runs (heap snapshots, which
   * collect first, showed no growth). Then the median of five readings 200 ms apart.
   */
  const sampleRss = async (inst: Instance, into: Record<string, number | null>) => {
    const collected = await collectGarbage(inst.port + PORTS.inspectOffset);
    if (!collected) log(`${inst.name}: no collection before the RSS reading (inspector did not answer)`);
    (into === tl.rssWarm ? tl.gcWarm : tl.gcEnd)[inst.name] = collected;
    const readings: number[] = [];
    for (let i = 0; i < 5; i++) {
      const kb = inst.proc ? rssKb(inst.proc.pid) : null;
      if (kb !== null) readings.push(kb);
      await sleep(200);
    }
    into[inst.name] = readings.length ? readings.sort((a, b) => a - b)[Math.floor(readings.length / 2)]! : null;
    const heapInto = into === tl.rssWarm ? tl.heapWarm : tl.heapEnd;
    const m = await call("probe", "/metrics", {
      base: `http://127.0.0.1:${inst.port}`,
      record: false,
      timeoutMs: 3_000,
      headers: { authorization: `Bearer ${SECRETS.metrics}` },
    });
    const used = /^cm_process_nodejs_heap_size_used_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(m.text)?.[1];
    heapInto[inst.name] = used ? Number(used) : null;
  };
  const pending: Promise<unknown>[] = [];
  /** RSS of a restarted instance once it has served for a while (its own warm-up). */
  const warmAfterRestart = (inst: Instance) => {
    tl.rssWarm[inst.name] = null;
    tl.heapWarm[inst.name] = null;
    tl.gcWarm[inst.name] = false;
    pending.push(
      (async () => {
        const t = now() + 15_000;
        await at(t);
        await sampleRss(inst, tl.rssWarm);
      })(),
    );
  };

  await at(tl.warmupEnd);
  await Promise.all(instances.map((inst) => sampleRss(inst, tl.rssWarm)));
  tl.steadyFrom = now();
  log(`warm-up over; RSS ${instances.map((i) => `${i.name} ${Math.round((tl.rssWarm[i.name] ?? 0) / 1024)} MB`).join(", ")}`);

  // Fault 1: kill -9 app1, start it again.
  await at(tl.kill);
  const app1 = byName("app1");
  log("kill -9 app1");
  signalProc(app1.proc!, "SIGKILL");
  tl.kill = now();
  tl.killWall = Date.now();
  await app1.proc!.exited;
  app1.restarts++;
  startInstance(app1);
  const back1 = waitReady(app1, 60_000).then((t) => {
    log(`app1 serving again after ${(((t ?? now()) - tl.kill) / 1000).toFixed(1)} s`);
    warmAfterRestart(app1);
    return t;
  });

  // Fault 2: SIGTERM app2 (graceful), start it again once it has exited.
  await at(tl.term);
  const app2 = byName("app2");
  log("SIGTERM app2");
  tl.term = now();
  signalProc(app2.proc!, "SIGTERM");
  await sleep(200);
  const readyzDuringDrain = await call("probe", "/readyz", { base: `http://127.0.0.1:${app2.port}`, record: false, timeoutMs: 2_000 });
  tl.drain.readyz = readyzDuringDrain.status;
  const exitCode = await Promise.race([app2.proc!.exited, sleep(20_000).then(() => "timeout" as const)]);
  tl.drain.exitMs = now() - tl.term;
  tl.drain.exitCode = exitCode === "timeout" ? null : exitCode;
  if (exitCode === "timeout") await stopProc(app2.proc!, 1_000);
  log(`app2 exited ${exitCode === "timeout" ? "NOT within 20 s" : `with ${exitCode} after ${(tl.drain.exitMs / 1000).toFixed(1)} s`}`);
  app2.restarts++;
  startInstance(app2);
  const back2 = waitReady(app2, 60_000).then((t) => {
    log(`app2 serving again after ${(((t ?? now()) - tl.term) / 1000).toFixed(1)} s`);
    warmAfterRestart(app2);
    return t;
  });
  const [t1, t2] = await Promise.all([back1, back2]);
  tl.instancesBack = Math.max(t1 ?? now(), t2 ?? now());

  // Fault 3: PostgreSQL stopped for ~5 s.
  await at(Math.max(tl.pgStop, now() + 3_000));
  for (const inst of instances) tl.pidsAtPgStop[inst.name] = inst.proc!.pid;
  log(`stopping PostgreSQL for ${OUTAGE_SECONDS} s`);
  tl.pgStop = now();
  await pg.stop();
  log(`PostgreSQL stopped in ${((now() - tl.pgStop) / 1000).toFixed(1)} s (pg_ctl stop -m fast)`);
  await sleep(OUTAGE_SECONDS * 1000);
  await pg.start();
  tl.pgStart = now();
  log(`PostgreSQL is back after ${((tl.pgStart - tl.pgStop) / 1000).toFixed(1)} s`);
  await Promise.all(
    instances.map(async (inst) => {
      const base = `http://127.0.0.1:${inst.port}`;
      for (let i = 0; i < 120; i++) {
        const [ready, resolve] = await Promise.all([
          call("probe", "/readyz", { base, record: false, timeoutMs: 2_000 }),
          call("probe", "/api/v1/worker/resolve", {
            base,
            record: false,
            timeoutMs: 2_000,
            headers: { authorization: `Bearer ${resolveKey}` },
            body: { input: { auth: `{{connections['${secretRefs[0]}']}}` } },
          }),
        ]);
        if (ready.status === 200 && resolve.status === 200) {
          tl.recovery[inst.name] = now() - tl.pgStart;
          return;
        }
        await sleep(250);
      }
    }),
  );
  for (const inst of instances) tl.pidsAfterRecovery[inst.name] = inst.proc!.pid;
  log(
    `recovery: ${instances.map((i) => `${i.name} ${tl.recovery[i.name] === undefined ? "never" : `${(tl.recovery[i.name]! / 1000).toFixed(1)} s`}`).join(", ")}`,
  );

  // Fault 4: revoke an API key; every instance must refuse it within ENGINE_TOKEN_CACHE_SECONDS.
  await at(Math.max(tl.revoke, now() + 1_000));
  const probeKey = (inst: Instance) =>
    call("probe", "/api/v1/worker/resolve", {
      base: `http://127.0.0.1:${inst.port}`,
      record: false,
      timeoutMs: 3_000,
      headers: { authorization: `Bearer ${revoked.token}` },
      body: { input: { auth: `{{connections['${secretRefs[1]}']}}` } },
    });
  // Each instance has just checked the key (it sits in their caches), then it is revoked.
  for (const inst of instances) tl.revokedBefore[inst.name] = (await probeKey(inst)).status;
  const { revokeApiKey } = await import("@/server/api-tokens/revoke-api-key");
  await revokeApiKey({ ctx, input: { keyId: revoked.key.id } });
  tl.revoke = now();
  log("API key revoked");
  await Promise.all(
    instances.map(async (inst) => {
      for (let i = 0; i < 200 && now() - tl.revoke < (TOKEN_CACHE_SECONDS + 10) * 1000; i++) {
        const r = await probeKey(inst);
        if (r.status === 401) {
          tl.revocation[inst.name] = now() - tl.revoke;
          return;
        }
        await sleep(100);
      }
    }),
  );
  log(
    `revocation seen: ${instances.map((i) => `${i.name} ${tl.revocation[i.name] === undefined ? "never" : `${(tl.revocation[i.name]! / 1000).toFixed(1)} s`}`).join(", ")}`,
  );

  // Every phase gets load: at least 10 s after the last fault and the restarted instances' warm-up, whatever the schedule's slips.
  await Promise.all(pending);
  state.until = Math.max(S, now() + 10_000);
  await driver;
  tl.end = now();
  await Promise.all(instances.map((inst) => sampleRss(inst, tl.rssEnd)));
  // Stop the instances (SIGTERM, graceful) before reading the database, so no background refresh
  // or health check lands between the reads of the checks.
  await Promise.all(instances.map((inst) => (inst.proc ? stopProc(inst.proc, 15_000) : undefined)));
  log(`load over; instances stopped (exit codes ${instances.map((i) => `${i.name} ${i.proc?.exitCode()}`).join(", ")}); checking`);

  // For a post-mortem: every request and the timeline (kept with the logs when a check fails).
  writeFileSync(path.join(LOGS, "samples.json"), JSON.stringify({ t0Epoch: Date.now() - now(), tl, samples }));
  const ok = await runChecks({
    db,
    state,
    tl,
    samples,
    instances: instances.map((i) => ({ name: i.name, restarts: i.restarts })),
    tokenRequests: oidc.tokenRequests,
    grantOf,
    replaceFlows: REPLACE_FLOWS,
    healthIntervalMs: HEALTH_INTERVAL_MINUTES * 60_000,
    accessTokenMs: ACCESS_TOKEN_SECONDS * 1000,
    marginMs: REFRESH_MARGIN_SECONDS * 1000,
    tokenCacheMs: TOKEN_CACHE_SECONDS * 1000,
    outageMs: OUTAGE_SECONDS * 1000,
    report: process.env.SOAK_REPORT,
  });
  await handle.close();
  return ok;
}

main()
  .then(async (ok) => {
    await cleanup(!ok);
    process.exit(ok ? 0 : 1);
  })
  .catch(async (err) => {
    console.error(`Soak failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    const report = process.env.SOAK_REPORT;
    if (report) {
      mkdirSync(path.dirname(report), { recursive: true });
      writeFileSync(report, JSON.stringify({ numPassedTests: 0, numFailedTests: 1, success: false, soak: { error: String(err) } }, null, 2));
    }
    await cleanup(true);
    process.exit(1);
  });
