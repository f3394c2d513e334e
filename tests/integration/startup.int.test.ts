import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

function startServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "cm-start-")), PORT: "0", ...env },
      cwd: process.cwd(),
    });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", (d) => (stdout += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 25_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

describe("start-up stops with one clear line", () => {
  it.each([
    [
      "an unreachable server",
      { DATABASE_URL: "postgres://postgres@127.0.0.1:1/nope", AUTH_SECRET: "x".repeat(32), ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}` },
      /^Start-up failed: Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/nope: .+$/,
    ],
    [
      "a malformed DATABASE_URL",
      { DATABASE_URL: "mysql://what", AUTH_SECRET: "x".repeat(32), ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}` },
      /^Start-up failed: DATABASE_URL is not a valid postgres:\/\/ URL$/,
    ],
    [
      "a PostgreSQL server with no encryption key",
      { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/postgres", AUTH_SECRET: "x".repeat(32) },
      /^Start-up failed: ENCRYPTION_KEYS is required with DATABASE_URL/,
    ],
    [
      "a PostgreSQL server with no session secret",
      { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/postgres" },
      /^Start-up failed: AUTH_SECRET is required with DATABASE_URL/,
    ],
    [
      "an AUTH_SECRET shorter than 32 bytes",
      { AUTH_SECRET: "only-twenty-one-byte" + "s" },
      /^Start-up failed: AUTH_SECRET is too short \(21 bytes\): use at least 32, e\.g\. `openssl rand -base64 32`$/,
    ],
    ["a malformed key ring", { ENCRYPTION_KEYS: "k1:tooshort" }, /^Start-up failed: ENCRYPTION_KEYS: Encryption key #1/],
  ])("%s", async (_label, env, line) => {
    const { code, stderr } = await startServer(env);
    expect(code).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
    expect(stderr).not.toMatch(/\bat .+:\d+:\d+\)/); // no stack trace
  });
});
