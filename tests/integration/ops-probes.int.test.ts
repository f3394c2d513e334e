import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/server/db/client";
import type { DatabaseHandle } from "@/server/db/types";
import { createOpsEndpoints, type OpsEndpointsOptions } from "@/server/ops/ops-endpoints";
import { createReadiness } from "@/server/ops/readiness";
import { databaseLabel, testServerUrl } from "../support/db";

// /healthz and /readyz over real HTTP, against a database this file owns and then breaks.

const servers: Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

async function serve(opts: OpsEndpointsOptions): Promise<string> {
  const handle = createOpsEndpoints(opts);
  const server = createServer((req, res) => {
    if (!handle(req, res)) res.writeHead(418).end();
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function readyz(base: string) {
  const res = await fetch(`${base}/readyz`);
  const body = (await res.json()) as { status: string; checks: { name: string; ok: boolean; detail?: string }[] };
  const failed = body.checks.filter((c) => !c.ok).map((c) => c.name);
  return { status: res.status, body, failed };
}

/** A database of this test's own (PostgreSQL) or an embedded one in a folder of its own (PGlite). */
async function ownDatabase() {
  const server = testServerUrl();
  if (!server) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cm-readyz-"));
    return { url: null, dir, name: null, open: () => openDatabase({ dir }) };
  }
  const name = `cm_readyz_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), dir: null, name, open: () => openDatabase({ url: url.toString() }) };
}

async function onServer(statement: string) {
  const admin = postgres(testServerUrl()!, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(statement);
  } finally {
    await admin.end();
  }
}

describe(`probes (${databaseLabel()})`, () => {
  let own: Awaited<ReturnType<typeof ownDatabase>>;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    own = await ownDatabase();
    handle = await own.open();
  });
  afterAll(async () => {
    await handle?.close().catch(() => {});
    if (own?.name) await onServer(`drop database if exists ${own.name} with (force)`);
  });

  it("/healthz answers 200 without touching the database", async () => {
    const base = await serve({ readiness: () => Promise.reject(new Error("must not be called")) });
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("/readyz is 200 while the database answers, 503 naming the failed check when it is gone, and 200 again once it is back", async () => {
    const readiness = createReadiness({ database: async () => handle.db, jobsRunHere: true, cacheMs: 0 });
    const base = await serve({ readiness });
    const up = await readyz(base);
    expect(up.status).toBe(200);
    expect(up.body.status).toBe("ready");
    expect(up.body.checks.map((c) => c.name)).toEqual(["database", "migrations", "jobs"]);

    if (!own.name) {
      // Embedded: the handle is closed under the server, as when the data folder's database dies.
      await handle.close();
      const down = await readyz(base);
      expect(down.status).toBe(503);
      expect(down.body.status).toBe("not_ready");
      expect(down.failed).toContain("database");
      handle = await own.open();
    } else {
      // PostgreSQL: this test's own database is dropped (its connections terminated), then recreated.
      await onServer(`drop database ${own.name} with (force)`);
      const down = await readyz(base);
      expect(down.status).toBe(503);
      expect(down.failed[0]).toBe("database");
      expect(down.body.checks[0]!.detail).toMatch(/unreachable/);

      await onServer(`create database ${own.name}`);
      const empty = await readyz(base);
      expect(empty.status).toBe(503);
      expect(empty.failed).toEqual(["migrations", "jobs"]);
      expect(empty.body.checks[2]!.detail).toMatch(/not checked/);
      // Migrations are applied by a start-up; the first handle reconnects on its own.
      await (await own.open()).close();
    }
    const back = await readyz(base);
    expect(back.status).toBe(200);
    expect(back.failed).toEqual([]);
  });

  it("/readyz reports stalled background jobs, except on an instance that runs none", async () => {
    const project = `p-${Date.now()}`;
    await handle.db.execute(sql`insert into projects (id, name) values (${project}, ${project})`);
    await handle.db.execute(sql`
      insert into connections (project_id, external_id, display_name, piece_name, type, status, refresh_at)
      values (${project}, 'late', 'Late token', 'salesforce', 'OAUTH2', 'ACTIVE', now() - interval '2 hours')`);
    const withJobs = await readyz(await serve({ readiness: createReadiness({ database: async () => handle.db, jobsRunHere: true, cacheMs: 0 }) }));
    expect(withJobs.status).toBe(503);
    expect(withJobs.failed).toEqual(["jobs"]);
    expect(withJobs.body.checks.find((c) => c.name === "jobs")!.detail).toMatch(/OAuth2 refresh is \d+ s late/);

    const engineOnly = await readyz(await serve({ readiness: createReadiness({ database: async () => handle.db, jobsRunHere: false, cacheMs: 0 }) }));
    expect(engineOnly.status).toBe(200);
    await handle.db.execute(sql`delete from projects where id = ${project}`);
  });

  it("polls within a second share one database round", async () => {
    let calls = 0;
    const readiness = createReadiness({ database: async () => (calls++, handle.db), jobsRunHere: false, cacheMs: 1_000 });
    const base = await serve({ readiness });
    await Promise.all(Array.from({ length: 10 }, () => readyz(base)));
    expect(calls).toBe(1);
  });
});
