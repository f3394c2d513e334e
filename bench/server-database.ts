import { randomBytes } from "node:crypto";
import postgres from "postgres";

/**
 * A fresh database on the PostgreSQL server of BENCH_DATABASE_URL, for one benchmark run; null
 * when the variable is unset (the benchmark then uses the embedded database).
 */
export async function createServerDatabase(): Promise<{ url: string; host: string; drop: () => Promise<void> } | null> {
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) return null;
  const name = `cm_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    host: url.host,
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
