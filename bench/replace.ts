/**
 * Replace across 10,000 flows: the preview's first page (what the dialog renders first), the
 * Connections list page with its Flows counts, and the Replace transaction itself (every flow's
 * draft and published version rewritten, the index moved, the old connection deleted), beside a
 * bare baseline that rewrites the same rows unchanged.
 *
 *   npm run bench:replace                                                          # PGlite in memory
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:replace
 *   BENCH_FLOWS=10000 BENCH_ROUNDS=10 BENCH_REPLACE_ROUNDS=5 BENCH_VACUUM=0
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { createServerDatabase } from "./server-database";

process.env.ENCRYPTION_KEYS ??= `bench:${randomBytes(32).toString("base64")}`;
process.env.LOG_LEVEL ??= "warn";

const FLOWS = Number(process.env.BENCH_FLOWS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const REPLACE_ROUNDS = Number(process.env.BENCH_REPLACE_ROUNDS ?? 5);

async function open() {
  const { openDatabase } = await import("@/server/db/client");
  const server = await createServerDatabase();
  if (!server) {
    const handle = await openDatabase({ dir: null });
    return { handle, label: "embedded PGlite (in memory)", cleanup: handle.close };
  }
  const handle = await openDatabase({ url: server.url });
  return {
    handle,
    label: `PostgreSQL (${server.host})`,
    cleanup: async () => {
      await handle.close();
      await server.drop();
    },
  };
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await fn();
  return [performance.now() - start, result];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const { previewReplace } = await import("@/server/connections/preview-replace");
  const { replaceConnection } = await import("@/server/connections/replace-connection");
  const { listConnections } = await import("@/server/connections/list-connections");
  const { createConnection } = await import("@/server/connections/create-connection");
  const { projects } = await import("@/server/db/schema");
  const { handle, label, cleanup } = await open();
  try {
    const db = handle.db;
    const [project] = await db.insert(projects).values({ name: "Bench" }).returning();
    const ctx = { db, actor: { type: "SYSTEM" as const, id: null, label: "bench" }, projectId: project!.id, role: "ADMIN" as const };
    const make = async (displayName: string) =>
      (
        await createConnection({
          ctx,
          input: { pieceName: "openai", type: "SECRET_TEXT", displayName, credentials: { secret_text: `sk-bench${randomBytes(20).toString("hex")}` } },
        })
      ).connection;
    const from = await make("Old key");
    const to = await make("New key");

    const ref = `{{connections['${from.externalId}']}}`;
    const steps = sql`jsonb_build_array(
      jsonb_build_object('name', 'trigger', 'pieceName', 'webhook', 'input', '{}'::jsonb),
      jsonb_build_object('name', 'ask', 'pieceName', 'openai', 'input', jsonb_build_object('auth', ${ref}::text, 'model', 'gpt-4o-mini')),
      jsonb_build_object('name', 'notify', 'pieceName', 'http-request', 'input', jsonb_build_object('headers', jsonb_build_object('Authorization', ${`Bearer {{connections['${from.externalId}'].secret_text}}`}::text))))`;
    const [seedMs] = await time(async () => {
      await db.execute(sql`
        insert into flows (id, project_id, name, draft, published, published_at)
        select 'bench-' || g, ${project!.id}, 'Flow ' || lpad(g::text, 5, '0'), ${steps}, case when g % 4 = 0 then null else ${steps} end, now()
        from generate_series(1, ${FLOWS}) as g`);
      await db.execute(sql`
        insert into connection_references (project_id, flow_id, external_id, draft_steps, published_steps)
        select f.project_id, f.id, ${from.externalId}, '{ask,notify}', case when f.published is null then '{}' else '{ask,notify}' end::text[]
        from flows f where f.project_id = ${project!.id}`);
      await db.execute(sql`analyze flows`);
      await db.execute(sql`analyze connection_references`);
    });
    console.log(
      `${label}: ${FLOWS.toLocaleString()} flows (3 steps, 2 referencing the connection; 3 in 4 published) seeded in ${(seedMs / 1000).toFixed(1)} s`,
    );

    const input = { fromConnectionId: from.id, toConnectionId: to.id, page: 1, pageSize: 8 };
    for (let i = 0; i < 3; i++) await previewReplace({ ctx, input });
    const previews: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const [ms, preview] = await time(() => previewReplace({ ctx, input }));
      previews.push(ms);
      if (preview.total !== FLOWS) throw new Error(`preview counted ${preview.total} flows`);
    }
    console.log(
      `  preview, first page (8 of ${FLOWS} flows + totals + fingerprint): median ${median(previews).toFixed(1)} ms, max ${Math.max(...previews).toFixed(1)} ms`,
    );
    const lastPage = await time(() => previewReplace({ ctx, input: { ...input, page: FLOWS / 8 } }));
    console.log(`  preview, last page: ${lastPage[0].toFixed(1)} ms`);

    const lists: number[] = [];
    for (let i = 0; i < ROUNDS; i++) lists.push((await time(() => listConnections({ ctx, input: { pageSize: 20 } })))[0]);
    console.log(`  Connections list page with Flows counts: median ${median(lists).toFixed(1)} ms`);

    // Replace back and forth (old → new, new → old, …), each beside the bare minimum: the same
    // flow rows and index rows rewritten as they are, nothing computed, one transaction. The last
    // Replace also deletes the connection it replaces.
    const replaces: number[] = [];
    const bares: number[] = [];
    const pair = [from, to];
    for (let i = 0; i < REPLACE_ROUNDS; i++) {
      const [a, b] = i % 2 === 0 ? pair : [pair[1]!, pair[0]!];
      const last = i === REPLACE_ROUNDS - 1;
      const { fingerprint } = await previewReplace({ ctx, input: { fromConnectionId: a!.id, toConnectionId: b!.id, page: 1, pageSize: 8 } });
      const [replaceMs, result] = await time(() =>
        replaceConnection({
          ctx,
          input: { fromConnectionId: a!.id, toConnectionId: b!.id, updatePublished: true, deleteOld: last, expectedFingerprint: fingerprint },
        }),
      );
      if (result.flowsUpdated !== FLOWS) throw new Error(`Replace changed ${result.flowsUpdated} flows`);
      const [bareMs] = await time(() =>
        db.transaction(async (tx) => {
          await tx.execute(sql`update flows set draft = draft, published = published, updated_at = now() where project_id = ${project!.id}`);
          await tx.execute(
            sql`update connection_references set external_id = external_id where project_id = ${project!.id} and external_id = ${b!.externalId}`,
          );
        }),
      );
      // Untimed: what autovacuum does between two Replaces of the same 10,000 flows in a live
      // installation (10,000 changed rows are past its threshold). Back and forth within seconds,
      // the index entries each round leaves dead pile up under the same two keys and slow every
      // later round (0.6 s by the fifth on PostgreSQL); BENCH_VACUUM=0 shows that.
      if (process.env.BENCH_VACUUM !== "0") await db.execute(sql`vacuum analyze flows, connection_references`);
      replaces.push(replaceMs);
      bares.push(bareMs);
      console.log(
        `  round ${i + 1}: Replace ${a!.displayName} → ${b!.displayName} (${FLOWS} flows, drafts + published${last ? ", old deleted" : ""}) ${(replaceMs / 1000).toFixed(2)} s | bare ${(bareMs / 1000).toFixed(2)} s`,
      );
    }
    const spread = (xs: number[]) =>
      `median ${(median(xs) / 1000).toFixed(2)} s (${(Math.min(...xs) / 1000).toFixed(2)}–${(Math.max(...xs) / 1000).toFixed(2)})`;
    console.log(`  Replace transaction: ${spread(replaces)}`);
    console.log(`  bare baseline (the same ${FLOWS} flow rows and their index rows rewritten unchanged): ${spread(bares)}`);
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
