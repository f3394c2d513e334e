import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError } from "@/server/db/data-dir-lock";
import { runScript } from "../support/cli";

const tempDir = (prefix: string) => mkdtempSync(path.join(os.tmpdir(), prefix));

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("embedded data folder lock", () => {
  it("one holder at a time: a second open is refused with the holder's pid, and release frees it", () => {
    const dir = path.join(tempDir("cm-lock-"), "pglite");
    const release = acquireDataDirLock(dir);
    expect(readFileSync(`${dir}.lock`, "utf8").split("\n")[0]).toBe(String(process.pid));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dir)).toThrow(`the app is running on this data folder (pid ${process.pid}); stop it first`);
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    acquireDataDirLock(dir)();
  });

  it("takes over a stale lock whose process is gone, and a half-written one", () => {
    const dir = path.join(tempDir("cm-lock-"), "pglite");
    const gone = deadPid();
    writeFileSync(`${dir}.lock`, `${gone}\nserver.ts\n`);
    const release = acquireDataDirLock(dir);
    expect(readFileSync(`${dir}.lock`, "utf8").split("\n")[0]).toBe(String(process.pid));
    release();
    writeFileSync(`${dir}.lock`, "");
    acquireDataDirLock(dir)();
  });

  it("a process that exits releases the lock it held", async () => {
    const dataDir = tempDir("cm-lock-exit-");
    const { code } = await runScript("scripts/admin.ts", ["users:list"], { DATA_DIR: dataDir, DATABASE_URL: "" });
    expect(code).toBe(0);
    expect(existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);
  }, 120_000);

  it("the app and seed:demo refuse to start on a data folder another process holds, in one line", async () => {
    const dataDir = tempDir("cm-lock-app-");
    const release = acquireDataDirLock(path.join(dataDir, "pglite"));
    // As on a folder the app already uses: its secrets exist, so nothing is generated first.
    const secrets = { AUTH_SECRET: "a".repeat(32), ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString("base64")}` };
    try {
      const app = await runScript("server.ts", [], { DATA_DIR: dataDir, PORT: "0", DATABASE_URL: "", ...secrets });
      expect(app.code).toBe(1);
      expect(app.stderr.trim()).toBe(`Start-up failed: the app is running on this data folder (pid ${process.pid}); stop it first`);
      const seed = await runScript("scripts/seed-demo.ts", [], { DATA_DIR: dataDir, DATABASE_URL: "" });
      expect(seed.code).toBe(1);
      expect(seed.stderr.trim()).toBe(`seed:demo failed: the app is running on this data folder (pid ${process.pid}); stop it first`);
    } finally {
      release();
    }
  }, 180_000);
});
