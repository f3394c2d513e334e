import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Every process the soak starts, by pid, each in its own process group (detached), so that stop()
 * ends exactly those and nothing else, also on failure or Ctrl-C.
 */
export interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  exited: Promise<number | null>;
  exitCode: () => number | null | undefined;
}

const running = new Set<Proc>();

export function startProcess(name: string, command: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; logFile: string }): Proc {
  const out = createWriteStream(opts.logFile, { flags: "a" });
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(out, { end: false });
  child.stderr!.pipe(out, { end: false });
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.on("exit", (c, signal) => {
      code = c ?? (signal ? -1 : null);
      resolve(code);
    });
    child.on("error", () => {
      code = -1;
      resolve(-1);
    });
  });
  const proc: Proc = { name, child, pid: child.pid!, exited, exitCode: () => code };
  running.add(proc);
  void exited.then(() => {
    running.delete(proc);
    out.end();
  });
  return proc;
}

/** Signals the process group of one process the soak started. */
export function signalProc(proc: Proc, signal: NodeJS.Signals) {
  try {
    process.kill(-proc.pid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
export async function stopProc(proc: Proc, graceMs = 8_000) {
  if (proc.exitCode() !== undefined) return;
  signalProc(proc, "SIGTERM");
  const done = await Promise.race([proc.exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!done) {
    signalProc(proc, "SIGKILL");
    await Promise.race([proc.exited, sleep(2_000)]);
  }
}

export async function stopAll() {
  await Promise.all([...running].map((p) => stopProc(p)));
}

/** Last resort on exit: SIGKILL whatever is still running (synchronous, for process.on("exit")). */
export function killAllNow() {
  for (const p of running) signalProc(p, "SIGKILL");
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: a private cluster in a temporary folder, so stopping it disturbs nothing else.

function pgBinDir(): string {
  if (process.env.SOAK_PG_BIN) return process.env.SOAK_PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(path.join(root, v, "bin", "initdb"))) return path.join(root, v, "bin");
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  if (which) return path.dirname(which);
  throw new Error("PostgreSQL's initdb was not found (install Debian's postgresql, or set SOAK_PG_BIN)");
}

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** initdb refuses to run as root: then every pg_ctl call runs as the `postgres` OS user. */
function pgCommand(bin: string, args: string[]): [string, string[]] {
  return asRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
}

function pgUid(): { uid: number; gid: number } | null {
  if (!asRoot) return null;
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  if (!line) throw new Error("running as root needs the `postgres` OS user for initdb");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

export interface PgCluster {
  url: string;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  destroy: () => Promise<void>;
}

export async function createPgCluster(dir: string, port: number): Promise<PgCluster> {
  const bin = pgBinDir();
  mkdirSync(dir, { recursive: true });
  const owner = pgUid();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, "data");
  const logFile = path.join(dir, "postgres.log");
  const run = (tool: string, args: string[], timeoutMs = 60_000) => {
    const [cmd, argv] = pgCommand(path.join(bin, tool), args);
    const r = spawnSync(cmd, argv, { encoding: "utf8", timeout: timeoutMs });
    if (r.status !== 0) throw new Error(`${tool} failed: ${r.stderr || r.stdout || r.error?.message}`);
  };
  run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const start = async () => run("pg_ctl", ["-D", data, "-l", logFile, "-o", options, "-w", "-t", "30", "start"]);
  const stop = async () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"]);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy: async () => {
      try {
        await stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HAProxy

export function haproxyBinary(): string {
  const candidates = [process.env.SOAK_HAPROXY, "/usr/sbin/haproxy", "/usr/local/sbin/haproxy"].filter(Boolean) as string[];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error("HAProxy was not found: apt-get install -y haproxy (or set SOAK_HAPROXY)");
  return found;
}

export function writeHaproxyConfig(
  dir: string,
  opts: { port: number; apps: { name: string; port: number }[]; engines: { name: string; port: number }[] },
): string {
  const errorFile = path.join(dir, "503.http");
  const body = JSON.stringify({
    error: "unavailable",
    message: "No instance is ready to serve this request (the database may be unreachable). Try again shortly.",
  });
  writeFileSync(
    errorFile,
    `HTTP/1.0 503 Service Unavailable\r\nCache-Control: no-cache\r\nConnection: close\r\nContent-Type: application/json\r\n\r\n${body}\n`,
  );
  const server = (s: { name: string; port: number }) => `  server ${s.name} 127.0.0.1:${s.port} check`;
  const cfg = `global
  maxconn 4000
  log stdout format raw local0

defaults
  mode http
  log stdout format raw local0
  option httplog
  timeout connect 2s
  # Idle keep-alive connections: longer than the Keep-Alive: timeout=65 the instances announce (and
  # HAProxy passes on), so the client, not HAProxy, closes an idle connection: a connection HAProxy
  # closes while the client sends on it fails that request.
  timeout client 75s
  timeout server 30s
  timeout http-keep-alive 75s
  # A refused connection (an instance restarting or draining) is retried on another instance.
  retries 3
  option redispatch 1
  # Keep-alive race on the server side: HAProxy sends a request on an idle pooled connection at the
  # moment the instance closes it. HAProxy then closes the client's connection without an answer
  # and logs nothing (so the client may retry, as it would had it talked to the instance itself),
  # which the soak saw as "other side closed". Layer-7 retries replay such a request on a fresh
  # connection; only for requests that are safe to replay (GET/HEAD, PUT of a flow by id, and
  # resolves, which only read), never for other POSTs (creates, server actions, embed sessions):
  # see the frontend.
  retry-on conn-failure empty-response
  # Idle pooled connections to the instances are purged well before their keepAliveTimeout (65 s).
  default-server inter 1s fall 2 rise 2 pool-purge-delay 5s
  errorfile 503 ${errorFile}

frontend soak
  bind 127.0.0.1:${opts.port}
  option forwardfor
  http-request set-header X-Forwarded-Proto http
  acl l7_replay_safe method GET HEAD PUT
  acl l7_replay_safe path /api/v1/worker/resolve
  http-request disable-l7-retry unless l7_replay_safe
  # Which instance answered (or, for a 502/503 of HAProxy's own, which one it tried).
  http-after-response set-header X-Soak-Server %s
  use_backend engine_api if { path_beg /api/v1/ }
  default_backend people

backend people
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
${opts.apps.map(server).join("\n")}

backend engine_api
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
${[...opts.apps, ...opts.engines].map(server).join("\n")}
`;
  const file = path.join(dir, "haproxy.cfg");
  writeFileSync(file, cfg);
  return file;
}
