/**
 * The Connections page in Chromium with 100,000 connections in the project, on the production
 * start-up:
 * - the JavaScript of its first load (cold cache, signed in): every script the page loads until
 *   the network is idle, decoded and gzip-compressed (zlib's default level, what the budget of
 *   200 KiB is about), largest files listed;
 * - time from starting the navigation until the first table row is visible (median / max).
 *
 *   npm run build && npm run bench:page                                          # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:page
 *   BENCH_CONNECTIONS=100000 BENCH_ROUNDS=10 CHROMIUM_PATH=/usr/bin/chromium     # knobs
 *   BENCH_ROUNDS=0 BENCH_CONNECTIONS=200                                        # the JavaScript only
 *   BENCH_SCREENSHOTS=/tmp/shots                          # also the page at 1280 and 390 px wide
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import { createServerDatabase } from "./server-database";

const COUNT = Number(process.env.BENCH_CONNECTIONS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3484);
const SHOTS = process.env.BENCH_SCREENSHOTS;
const OWNER = { name: "Bench Owner", email: "bench@example.test", password: "bench-password-123", projectName: "Bench" };
const env = {
  ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64")}`,
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  LOG_LEVEL: "warn",
};
Object.assign(process.env, env);

async function seed(open: { url?: string; dir?: string }) {
  const { openDatabase } = await import("@/server/db/client");
  const { completeSetup } = await import("@/server/setup/complete-setup");
  const { seedConnections } = await import("./seed");
  const handle = await openDatabase(open);
  const { projectId } = await completeSetup({ db: handle.db, input: OWNER });
  const t0 = performance.now();
  await seedConnections(handle.db, projectId, COUNT);
  console.log(`seeded ${COUNT.toLocaleString()} connections in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await handle.close();
  return projectId;
}

async function waitFor(url: string) {
  for (let i = 0; i < 300; i++) {
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

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function signIn(browser: Browser, base: string, viewport = { width: 1400, height: 900 }) {
  const context = await browser.newContext({ baseURL: base, viewport });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("button", { name: "Profile menu" }).waitFor();
  return { context, page };
}

const firstRow = (page: import("@playwright/test").Page) =>
  page
    .getByRole("row")
    .filter({ has: page.getByRole("button", { name: / details$/ }) })
    .first();

/** Every script of a cold first load of the Connections page, summed decoded and gzipped. */
async function javascriptBudget(browser: Browser, base: string, projectId: string) {
  const { context, page } = await signIn(browser, base);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.clearBrowserCache");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const scripts = new Map<string, Promise<Buffer>>();
  page.on("response", (res) => {
    if (res.request().resourceType() === "script" && res.ok()) scripts.set(res.url(), res.body());
  });
  await page.goto(`/p/${projectId}/connections`);
  await firstRow(page).waitFor();
  await page.waitForLoadState("networkidle");
  const files = await Promise.all(
    [...scripts].map(async ([url, body]) => ({ url: new URL(url).pathname, raw: (await body).length, gzip: gzipSync(await body).length })),
  );
  files.sort((a, b) => b.gzip - a.gzip);
  const sum = (xs: typeof files, key: "raw" | "gzip") => xs.reduce((n, f) => n + f[key], 0);
  console.log(
    `JavaScript of the Connections page's first load (cold cache, signed in): ${files.length} files, ${kib(sum(files, "gzip"))} gzip, ${kib(sum(files, "raw"))} decoded`,
  );
  for (const f of files.slice(0, Number(process.env.BENCH_JS_LIST ?? 12)))
    console.log(`  ${kib(f.gzip).padStart(10)} gzip ${kib(f.raw).padStart(10)}  ${f.url}`);
  await context.close();
}

async function screenshots(browser: Browser, base: string, projectId: string, dir: string) {
  mkdirSync(dir, { recursive: true });
  for (const width of [1280, 390]) {
    const { context, page } = await signIn(browser, base, { width, height: 900 });
    await page.goto(`/p/${projectId}/connections`);
    await firstRow(page).waitFor();
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: path.join(dir, `connections-${width}.png`), fullPage: true });
    await context.close();
  }
  console.log(`screenshots in ${dir}`);
}

async function main() {
  const work = mkdtempSync(path.join(os.tmpdir(), "cm-bench-page-"));
  const server = await createServerDatabase();
  const dbUrl = server?.url;
  const projectId = await seed(dbUrl ? { url: dbUrl } : { dir: path.join(work, "pglite") });
  const app = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: {
      ...process.env,
      ...env,
      NODE_ENV: "production",
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      APP_URL: `http://localhost:${PORT}`,
      DATA_DIR: work,
      DATABASE_URL: dbUrl ?? "",
      BACKGROUND_JOBS: "off",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const base = `http://localhost:${PORT}`;
    await waitFor(`${base}/sign-in`);
    await javascriptBudget(browser, base, projectId);
    if (SHOTS) await screenshots(browser, base, projectId, SHOTS);
    if (ROUNDS === 0) return;
    const { page } = await signIn(browser, base);

    const label = dbUrl ? `PostgreSQL (${new URL(dbUrl).host})` : "embedded PGlite";
    console.log(
      `Connections page, ${label}, ${COUNT.toLocaleString()} connections, ${ROUNDS} rounds (first round of each scenario is a warm-up), ${os.cpus().length} cores`,
    );
    const scenarios: [string, string][] = [
      ["no filter, newest first", ""],
      ["search 'support inbox 12' + Active", "?search=support+inbox+12&status=ACTIVE"],
      ["status Error, sorted by name", "?status=ERROR&sort=name&dir=asc"],
    ];
    for (const [name, query] of scenarios) {
      const samples: number[] = [];
      for (let round = 0; round <= ROUNDS; round++) {
        const t0 = performance.now();
        await page.goto(`/p/${projectId}/connections${query}`, { waitUntil: "commit" });
        // The first data row: a row holding a connection's details button.
        await firstRow(page).waitFor();
        if (round > 0) samples.push(performance.now() - t0);
      }
      const s = samples.sort((a, b) => a - b);
      console.log(`  ${name.padEnd(40)} first rows: median ${s[Math.floor(s.length / 2)]!.toFixed(0)} ms  max ${s[s.length - 1]!.toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
    if (app.pid)
      try {
        process.kill(-app.pid, "SIGTERM");
      } catch {}
    await new Promise((r) => setTimeout(r, 1_000));
    await server?.drop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
