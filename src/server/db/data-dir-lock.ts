import { readFileSync, unlinkSync, writeFileSync } from "node:fs";

/** Another process (or another handle in this one) has the embedded data folder open. */
export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
  constructor(readonly pid: number) {
    super(`the app is running on this data folder (pid ${pid}); stop it first`);
  }
}

// Held locks of this process, shared by every bundled copy of this module (Next bundles its own).
const HELD_KEY = Symbol.for("connections-manager.data-dir-locks");
type GlobalWithLocks = typeof globalThis & { [HELD_KEY]?: Set<string> };
function held(): Set<string> {
  const g = globalThis as GlobalWithLocks;
  return (g[HELD_KEY] ??= new Set());
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else, which still means the folder is in use.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, "utf8").split("\n")[0] ?? "", 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * PGlite is single-process: two processes on one data folder corrupt it. A lock file beside the
 * folder names the holder's pid; a pid that is no longer alive is a stale lock and is taken over.
 * Returns the release function (also run on process exit).
 */
export function acquireDataDirLock(dir: string): () => void {
  const file = `${dir}.lock`;
  if (held().has(file)) throw new DataDirLockedError(process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n${process.argv.slice(1, 3).join(" ")}\n`, { flag: "wx", mode: 0o600 });
      return register(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const holder = readHolder(file);
    if (holder !== null && holder !== process.pid && isAlive(holder)) throw new DataDirLockedError(holder);
    // Stale (holder gone, or a half-written file): re-check just before removing, so a process
    // that took it over meanwhile is not dispossessed.
    if (readHolder(file) === holder) {
      try {
        unlinkSync(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      }
    }
  }
  throw new DataDirLockedError(readHolder(file) ?? 0);
}

function register(file: string): () => void {
  held().add(file);
  const release = () => {
    if (!held().delete(file)) return;
    process.off("exit", release);
    if (readHolder(file) === process.pid) {
      try {
        unlinkSync(file);
      } catch {
        // already gone
      }
    }
  };
  process.on("exit", release);
  return release;
}
