import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { request, Agent, type IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";

// The real shutdown helper (src/server/http/graceful-shutdown.ts) in its own process, on real
// listeners, stopped by a real SIGTERM.

interface Fixture {
  child: ChildProcessWithoutNullStreams;
  port: number;
  metricsPort: number;
  events: string[];
  exited: Promise<number | null>;
  waitFor: (event: string) => Promise<void>;
}

let running: Fixture | null = null;
afterEach(() => {
  if (running && running.child.exitCode === null) running.child.kill("SIGKILL");
  running = null;
});

function startFixture(): Promise<Fixture> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/graceful-shutdown-fixture.ts"], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", LOG_LEVEL: "warn", FIXTURE_SHUTDOWN_TIMEOUT_MS: "8000" },
  });
  const events: string[] = [];
  const waiters: { event: string; resolve: () => void }[] = [];
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fixture did not start: ${stderr}`)), 20_000);
    let buffer = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (line.startsWith("{")) {
          clearTimeout(timer);
          const { port, metricsPort } = JSON.parse(line) as { port: number; metricsPort: number };
          const fixture: Fixture = {
            child,
            port,
            metricsPort,
            events,
            exited,
            waitFor: (event) => (events.includes(event) ? Promise.resolve() : new Promise((r) => waiters.push({ event, resolve: r }))),
          };
          running = fixture;
          resolve(fixture);
        } else if (line.startsWith("event ")) {
          const event = line.slice(6);
          events.push(event);
          for (const w of waiters.filter((w) => w.event === event)) w.resolve();
        }
      }
    });
    child.on("exit", () => reject(new Error(`fixture exited early: ${stderr}`)));
  });
}

function get(port: number, path: string, agent?: Agent): Promise<{ status: number; body: string; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent: agent ?? false }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** Resolves with the error code of a fresh TCP connection attempt, or "connected". */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe("graceful shutdown (SIGTERM on a real listener)", () => {
  it("finishes the request in flight with 2xx, refuses new connections, says draining on /readyz, then exits 0", async () => {
    const f = await startFixture();
    expect(await get(f.port, "/readyz")).toMatchObject({ status: 200 });
    expect(await get(f.metricsPort, "/readyz")).toMatchObject({ status: 200 });

    // An idle keep-alive connection, as a load balancer keeps them: it must be closed at SIGTERM.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    expect(await get(f.port, "/fast", agent)).toMatchObject({ status: 200 });
    const idleSocket = Object.values(agent.freeSockets).flat()[0]!;
    expect(idleSocket).toBeTruthy();
    const idleClosed = new Promise<void>((r) => idleSocket.once("close", () => r()));

    const slow = get(f.port, "/slow?ms=2500");
    await f.waitFor("slow-started");
    const signalledAt = Date.now();
    f.child.kill("SIGTERM");
    await f.waitFor("draining");

    // While it drains: the probe (on the listener that stays open) says draining; the app port refuses.
    expect(await get(f.metricsPort, "/readyz")).toMatchObject({ status: 503, body: JSON.stringify({ status: "draining", checks: [] }) });
    expect(await tryConnect(f.port)).toBe("ECONNREFUSED");
    await idleClosed;
    expect(f.events).not.toContain("slow-answered");

    // The request in flight is answered in full, with Connection: close, and only then does the process clean up and exit.
    const answer = await slow;
    expect(answer).toMatchObject({ status: 200, body: JSON.stringify({ done: true, ms: 2500 }) });
    expect(answer.headers.connection).toBe("close");
    expect(await f.exited).toBe(0);
    expect(f.events).toEqual(["slow-started", "draining", "slow-answered", "cleanup"]);
    expect(Date.now() - signalledAt).toBeLessThan(8_000);
    agent.destroy();
  }, 40_000);
});
