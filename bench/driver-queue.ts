/**
 * Regression benchmark for the `postgres` driver's Queue (patches/postgres+3.4.9.patch): a
 * saturated pool (10 connections, 50 concurrent callers looping on `select $1`) for 30 s, queries
 * per 5-s window, the patched copy in node_modules against a pristine copy of the same version
 * (`npm pack`, unpacked under a temp dir). Each side runs in a fresh process, sides alternate.
 * Unpatched, the rate falls window after window; patched it stays flat.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/driver-queue.ts
 *   BENCH_SECONDS=30 BENCH_ROUNDS=1 …                                                          # knobs
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type Postgres from "postgres";

const WINDOW_MS = 5_000;
const POOL = 10;
const CALLERS = 50;

// The child: loads the driver from DRIVER_QUEUE_PATH, saturates the pool, prints one JSON line.
async function worker(driverPath: string, url: string, seconds: number) {
  const { default: postgres } = (await import(pathToFileURL(path.join(driverPath, "src/index.js")).href)) as { default: typeof Postgres };
  const sql = postgres(url, { max: POOL, onnotice: () => {} });
  await sql`select 1`;
  const windows: number[] = [];
  let count = 0;
  const end = Date.now() + seconds * 1000;
  let windowEnd = Date.now() + WINDOW_MS;
  const caller = async () => {
    while (Date.now() < end) {
      await sql.unsafe("select $1::int as n", [count], { prepare: true });
      count++;
      if (Date.now() >= windowEnd) {
        windows.push(count / (WINDOW_MS / 1000));
        count = 0;
        windowEnd += WINDOW_MS;
      }
    }
  };
  await Promise.all(Array.from({ length: CALLERS }, caller));
  await sql.end({ timeout: 1 });
  console.log(JSON.stringify(windows));
}

// The package's exports map hides package.json: locate it from the resolved entry point.
function installedDriver(): string {
  const entry = createRequire(import.meta.url).resolve("postgres");
  return entry.slice(0, entry.lastIndexOf(`${path.sep}cjs${path.sep}`));
}

function pristineCopy(installed: string): { dir: string; cleanup: () => void } {
  const { version } = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8")) as { version: string };
  const tmp = mkdtempSync(path.join(os.tmpdir(), "cm-driver-queue-"));
  const tarball = execFileSync("npm", ["pack", `postgres@${version}`, "--silent", "--pack-destination", tmp], { encoding: "utf8" })
    .trim()
    .split("\n")
    .pop()!;
  execFileSync("tar", ["-xzf", path.join(tmp, tarball), "-C", tmp]);
  return { dir: path.join(tmp, "package"), cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

function run(driverPath: string, url: string, seconds: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", new URL(import.meta.url).pathname], {
      env: { ...process.env, DRIVER_QUEUE_PATH: driverPath, DRIVER_QUEUE_URL: url, DRIVER_QUEUE_SECONDS: String(seconds) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!) as number[]) : reject(new Error(`worker exited ${code}`))));
  });
}

const fmt = (xs: number[]) => xs.map((x) => String(Math.round(x)).padStart(7)).join("");
const flatness = (xs: number[]) => (Math.max(...xs) - Math.min(...xs)) / Math.max(...xs);

async function main() {
  const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const seconds = Number(process.env.BENCH_SECONDS ?? 30);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
  const patched = installedDriver();
  if (!readFileSync(path.join(patched, "src/queue.js"), "utf8").includes("indexOf(x, index)")) {
    throw new Error("node_modules/postgres is not patched: run npm install (postinstall applies patches/)");
  }
  const pristine = pristineCopy(patched);
  try {
    console.log(
      `postgres driver queue: pool ${POOL}, ${CALLERS} callers, select $1, ${seconds} s per run, queries/s per ${WINDOW_MS / 1000}-s window, ${os.cpus().length} cores`,
    );
    for (let round = 1; round <= rounds; round++) {
      for (const [label, dir] of [
        ["unpatched", pristine.dir],
        ["patched", patched],
      ] as const) {
        const windows = await run(dir, url, seconds);
        const drop = (1 - windows[windows.length - 1]! / windows[0]!) * 100;
        console.log(
          `  round ${round} ${label.padEnd(9)}${fmt(windows)}   spread ${(flatness(windows) * 100).toFixed(0)}%  last vs first ${drop >= 0 ? "-" : "+"}${Math.abs(drop).toFixed(0)}%`,
        );
      }
    }
  } finally {
    pristine.cleanup();
  }
}

if (process.env.DRIVER_QUEUE_PATH) {
  await worker(process.env.DRIVER_QUEUE_PATH, process.env.DRIVER_QUEUE_URL!, Number(process.env.DRIVER_QUEUE_SECONDS));
} else {
  await main();
}
