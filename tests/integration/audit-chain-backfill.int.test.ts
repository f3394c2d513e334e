import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/server/audit/verify-chain";
import { runMigrations } from "@/server/db/migrate";
import { databaseLabel } from "../support/db";
import { databaseBefore } from "../support/migrations-before";
import { rows } from "../support/sql";

// An installation upgraded with audit events already written: the migration chains them in place.

let dispose: (() => Promise<void>) | undefined;
afterAll(async () => {
  await dispose?.();
});

describe(`the audit chain migration (${databaseLabel()})`, () => {
  it("chains the events written before it, per project and for the platform, and new events follow on", async () => {
    const before = await databaseBefore("_audit_chain");
    dispose = before.dispose;
    const tdb = before.tdb;
    const db = tdb.db;
    const [p] = await rows<{ id: string }>(db, sql`insert into projects (name) values ('Legacy') returning id`);
    for (const [projectId, minutesAgo] of [
      [p!.id, 30],
      [null, 25],
      [p!.id, 20],
      [p!.id, 10],
      [null, 5],
    ] as const) {
      await db.execute(sql`insert into audit_events (project_id, action, actor_type, actor_label, details, created_at)
        values (${projectId}, 'connection.created', 'SYSTEM', 'system', ${JSON.stringify({ minutesAgo })}::jsonb, now() - ${`${minutesAgo} minutes`}::interval)`);
    }

    await runMigrations(tdb);

    const chain = await rows<{ seq: number; prev_hash: string | null; hash: string; minutes: number }>(
      db,
      sql`select seq::int as seq, prev_hash, hash, (details->>'minutesAgo')::int as minutes from audit_events where project_id = ${p!.id} order by seq`,
    );
    expect(chain.map((r) => [r.seq, r.minutes])).toEqual([
      [1, 30],
      [2, 20],
      [3, 10],
    ]);
    expect(chain[1]!.prev_hash).toBe(chain[0]!.hash);
    expect(await verifyAuditChain({ db })).toMatchObject({ ok: true, chains: 2, rows: 5 });

    await db.execute(sql`insert into audit_events (project_id, action, actor_type, actor_label) values (${p!.id}, 'connection.deleted', 'SYSTEM', 'system')`);
    const [last] = await rows<{ seq: number; prev_hash: string }>(
      db,
      sql`select seq::int as seq, prev_hash from audit_events where project_id = ${p!.id} order by seq desc limit 1`,
    );
    expect(last).toEqual({ seq: 4, prev_hash: chain[2]!.hash });
    expect((await verifyAuditChain({ db })).ok).toBe(true);
  }, 120_000); // two migration runs on a busy machine
});
