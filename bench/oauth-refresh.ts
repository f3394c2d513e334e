/**
 * OAuth2 refresh throughput: 1,000 connections (each with its own grant at the local OAuth
 * server) fall due at once and the background scheduler refreshes them. Prints the time, and
 * checks from the provider's token requests that each was refreshed exactly once.
 *
 *   node --import tsx bench/oauth-refresh.ts                              # PGlite, one instance
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_INSTANCES=3 node --import tsx bench/oauth-refresh.ts
 *
 * The provider runs in this process too, so on 2 cores it, not the database, sets the pace.
 */
import { userPrincipal } from "@/server/authz/principal";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { createServerDatabase } from "./server-database";

process.env.DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), "cm-bench-"));
process.env.ENCRYPTION_KEYS ??= `bench:${randomBytes(32).toString("base64")}`;
process.env.LOG_LEVEL ??= "warn";

const COUNT = Number(process.env.BENCH_CONNECTIONS ?? 1_000);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1);

async function main() {
  const { openDatabase } = await import("@/server/db/client");
  const { getEnv } = await import("@/env");
  const { completeAuthorization } = await import("@/server/oauth/authorize/complete-authorization");
  const { startAuthorization } = await import("@/server/oauth/authorize/start-authorization");
  const { oauthRefreshJob } = await import("@/server/oauth/refresh/scheduler");
  const { createJobScheduler } = await import("@/server/jobs/scheduler");
  const { projectWithMember } = await import("../tests/support/factories");
  const { CookieJar, authorizeAtProvider } = await import("../tests/support/oauth-browser");
  const { LOGIN, TEST_PIECE, startTestProvider, stopTestProvider } = await import("../tests/support/oauth");
  const { rows } = await import("../tests/support/sql");

  const server = await createServerDatabase();
  const url = server?.url;
  if (!server && INSTANCES !== 1) {
    throw new Error("BENCH_INSTANCES > 1 needs BENCH_DATABASE_URL: PGlite is one process's database");
  }
  const main = await openDatabase(url ? { url } : { dir: null });
  const provider = await startTestProvider();
  const env = getEnv();
  try {
    const { ctx, user } = await projectWithMember(main.db, "EDITOR");
    const jar = new CookieJar();
    let t0 = performance.now();
    for (let i = 0; i < COUNT; i++) {
      const started = await startAuthorization({ ctx, input: { pieceName: TEST_PIECE, displayName: `Bench ${i}` } });
      const callback = await authorizeAtProvider(started.authorizeUrl!, provider.redirectUri, LOGIN, jar);
      const outcome = await completeAuthorization({ ctx: { db: main.db, principal: userPrincipal(user) }, input: { params: callback.searchParams } });
      if (!outcome.ok) throw new Error(`setup failed: ${outcome.error}`);
    }
    console.log(
      `${url ? `PostgreSQL (${new URL(url).host})` : "embedded PGlite (in memory)"}: authorized ${COUNT} connections in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const before = provider.tokenRequests.length;
    await main.db.execute(sql`update connections set refresh_at = now() - interval '1 second', token_expires_at = now() + interval '2 minutes'`);
    const instances = url ? await Promise.all(Array.from({ length: INSTANCES }, () => openDatabase({ url }))) : [main];
    t0 = performance.now();
    const stops = instances.map((h) => {
      const scheduler = createJobScheduler({ force: true });
      scheduler.register({ ...oauthRefreshJob({ everyMs: 100 }), firstDelayMs: 0 });
      return scheduler.start(h.db);
    });
    const refreshed = () => provider.tokenRequests.slice(before).filter((r) => r.grantType === "refresh_token").length;
    while (refreshed() < COUNT && performance.now() - t0 < 300_000) await sleep(20);
    const seconds = (performance.now() - t0) / 1000;
    await Promise.all(stops.map((stop) => stop()));
    await sleep(500);

    const requests = provider.tokenRequests.slice(before);
    const ok = requests.filter((r) => r.grantType === "refresh_token" && r.status === 200).length;
    const [state] = await rows<{ refreshed: number; due: number; active: number; audits: number; max_per: number }>(
      main.db,
      sql`select
        (select count(*)::int from connections where refresh_at > now() + interval '10 minutes') as refreshed,
        (select count(*)::int from connections where refresh_at <= now()) as due,
        (select count(*)::int from connections where status = 'ACTIVE') as active,
        (select count(*)::int from audit_events where action = 'connection.refreshed') as audits,
        (select coalesce(max(n), 0)::int from (select count(*) as n from audit_events where action = 'connection.refreshed' group by connection_id) t) as max_per`,
    );
    console.log(
      `refreshed ${COUNT} due connections in ${seconds.toFixed(2)} s (${(COUNT / seconds).toFixed(0)}/s) with ${instances.length} instance(s), ` +
        `batch ${env.OAUTH_REFRESH_BATCH_SIZE}, concurrency ${env.OAUTH_REFRESH_CONCURRENCY}`,
    );
    console.log(
      `provider saw ${requests.length} token requests: ${ok} successful refresh_token grants, ${requests.length - ok} others; ` +
        `connections rescheduled ${state!.refreshed}/${COUNT}, still due ${state!.due}, Active ${state!.active}, refresh audits ${state!.audits} (max ${state!.max_per} per connection)`,
    );
    const exact = ok === COUNT && requests.length === COUNT && state!.refreshed === COUNT && state!.max_per === 1;
    console.log(exact ? "OK: each connection was refreshed exactly once" : "FAILED: not exactly one refresh per connection");
    for (const h of instances) if (h !== main) await h.close();
    if (!exact) process.exitCode = 1;
  } finally {
    await stopTestProvider(provider);
    await main.close();
    await server?.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
