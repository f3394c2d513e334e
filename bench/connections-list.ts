/**
 * The Connections page's list procedure on 100,000 connections in one project:
 * name search + status filter + one page, on the embedded database and (with BENCH_DATABASE_URL)
 * on a PostgreSQL server. Prints median / p95 / max in milliseconds.
 *
 *   npm run bench:list                                  # PGlite
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:list
 */
import { performance } from "node:perf_hooks";
import { listConnections } from "@/server/connections/list-connections";
import { openDatabase, type DatabaseHandle } from "@/server/db/client";
import { projectWithMember } from "../tests/support/factories";
import { seedConnections } from "./seed";
import { createServerDatabase } from "./server-database";

const COUNT = Number(process.env.BENCH_CONNECTIONS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

async function open(): Promise<{ handle: DatabaseHandle; label: string; cleanup: () => Promise<void> }> {
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

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1]! };
}

async function main() {
  const { handle, label, cleanup } = await open();
  try {
    const { ctx } = await projectWithMember(handle.db, "ADMIN");
    const t0 = performance.now();
    await seedConnections(handle.db, ctx.projectId, COUNT);
    console.log(`${label}: seeded ${COUNT.toLocaleString()} connections in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const scenarios: [string, object][] = [
      ["search 'support inbox 12' + Active, page 1", { search: "support inbox 12", status: ["ACTIVE"], page: 1, pageSize: 20 }],
      ["search 'slack' + Active, page 1", { search: "slack", status: ["ACTIVE"], page: 1, pageSize: 20 }],
      ["search 'github' + Error, page 1", { search: "github", status: ["ERROR"], page: 1, pageSize: 20 }],
      ["search 'no such name' + Active", { search: "no such name", status: ["ACTIVE"], page: 1, pageSize: 20 }],
      ["status Active, sorted by name, page 1", { status: ["ACTIVE"], sort: "name", dir: "asc", page: 1, pageSize: 20 }],
      ["no filter, newest first, page 1", { page: 1, pageSize: 20 }],
    ];
    for (const [name, input] of scenarios) {
      for (let i = 0; i < 10; i++) await listConnections({ ctx, input });
      const samples: number[] = [];
      let total = 0;
      for (let i = 0; i < ROUNDS; i++) {
        const start = performance.now();
        const page = await listConnections({ ctx, input });
        samples.push(performance.now() - start);
        total = page.total;
      }
      const { median, p95, max } = stats(samples);
      console.log(
        `  ${name.padEnd(44)} matches ${String(total).padStart(6)}  median ${median.toFixed(1)} ms  p95 ${p95.toFixed(1)} ms  max ${max.toFixed(1)} ms`,
      );
    }
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
