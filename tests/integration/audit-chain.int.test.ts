import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "@/cli/commands";
import { pruneAuditEvents } from "@/server/audit/prune";
import { recordAudit, recordPlatformAudit } from "@/server/audit/record";
import { verifyAuditChain } from "@/server/audit/verify-chain";
import { SYSTEM_ACTOR } from "@/server/context";
import { auditEvents } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { createProject } from "../support/factories";
import { rows } from "../support/sql";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.dispose();
});

const DAY = 86_400_000;

async function event(db: Db, projectId: string | null, n: number, createdAt?: Date) {
  await db
    .insert(auditEvents)
    .values({ projectId, action: "api_key.created", actorType: "SYSTEM", actorLabel: "system", details: { n }, ...(createdAt ? { createdAt } : {}) });
}

/** Rewrites the trail the way someone with direct database access could: with the prune's setting. */
async function tamper(db: Db, ...statements: ReturnType<typeof sql>[]) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('cm.audit_prune', 'on', true)`);
    for (const statement of statements) await tx.execute(statement);
  });
}

async function refused(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: Error & { cause?: Error }) => e,
  );
  return String(err?.cause?.message ?? err?.message ?? "not refused");
}

async function chainOf(db: Db, projectId: string) {
  return rows<{ id: number; seq: number; prev_hash: string | null; hash: string }>(
    db,
    sql`select id, seq::int as seq, prev_hash, hash from audit_events where project_id = ${projectId} order by seq`,
  );
}

describe(`audit hash chain (${databaseLabel()})`, () => {
  it("numbers and links each project's events and the platform's separately", async () => {
    const a = await createProject(tdb.db);
    const b = await createProject(tdb.db);
    await recordAudit(tdb.db, { projectId: a.id, actor: SYSTEM_ACTOR, action: "member.added", details: { email: "x@example.test" } });
    await recordAudit(tdb.db, { projectId: b.id, actor: SYSTEM_ACTOR, action: "member.added", details: {} });
    await recordAudit(tdb.db, { projectId: a.id, actor: SYSTEM_ACTOR, action: "member.removed", details: {} });
    await recordPlatformAudit(tdb.db, { actor: SYSTEM_ACTOR, action: "user.created", details: {} });
    const chain = await chainOf(tdb.db, a.id);
    expect(chain.map((r) => r.seq)).toEqual([1, 2]);
    expect(chain[0]!.prev_hash).toBeNull();
    expect(chain[1]!.prev_hash).toBe(chain[0]!.hash);
    expect(chain[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await chainOf(tdb.db, b.id)).map((r) => r.seq)).toEqual([1]);
    const report = await verifyAuditChain({ db: tdb.db });
    expect(report).toMatchObject({ ok: true, firstBreak: null });
    expect(report.heads.some((h) => h.projectId === null)).toBe(true);
  });

  it("concurrent writers to one chain never fork it", async () => {
    const p = await createProject(tdb.db);
    await Promise.all(Array.from({ length: 12 }, (_, i) => tdb.db.transaction((tx) => event(tx, p.id, i))));
    const chain = await chainOf(tdb.db, p.id);
    expect(chain.map((r) => r.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    chain.slice(1).forEach((r, i) => expect(r.prev_hash).toBe(chain[i]!.hash));
    expect((await verifyAuditChain({ db: tdb.db, projectId: p.id })).ok).toBe(true);
  });

  it("the app cannot update, delete or truncate audit rows", async () => {
    const p = await createProject(tdb.db);
    await event(tdb.db, p.id, 1);
    expect(await refused(tdb.db.execute(sql`update audit_events set actor_label = 'someone else' where project_id = ${p.id}`))).toMatch(/append-only: UPDATE/);
    expect(await refused(tdb.db.execute(sql`delete from audit_events where project_id = ${p.id}`))).toMatch(/append-only: DELETE/);
    expect(await refused(tdb.db.execute(sql`truncate audit_events`))).toMatch(/append-only: TRUNCATE/);
    expect(await chainOf(tdb.db, p.id)).toHaveLength(1);
  });

  it("detects an edited event, naming the first one changed", async () => {
    const p = await createProject(tdb.db);
    for (let i = 1; i <= 4; i++) await event(tdb.db, p.id, i);
    const [, second] = await chainOf(tdb.db, p.id);
    await tamper(tdb.db, sql`update audit_events set actor_label = 'not me' where id = ${second!.id}`);
    const report = await verifyAuditChain({ db: tdb.db, projectId: p.id });
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toMatchObject({ projectId: p.id, seq: 2, eventId: Number(second!.id) });
    expect(report.firstBreak!.reason).toMatch(/changed/);
  });

  it("detects a deleted event in the middle, at the start and at the end", async () => {
    for (const which of [2, 1, 4]) {
      const p = await createProject(tdb.db);
      for (let i = 1; i <= 4; i++) await event(tdb.db, p.id, i);
      await tamper(tdb.db, sql`delete from audit_events where project_id = ${p.id} and seq = ${which}`);
      const report = await verifyAuditChain({ db: tdb.db, projectId: p.id });
      expect(report.ok, `deleting #${which}`).toBe(false);
      expect(report.firstBreak!.reason).toMatch(/removed|missing/);
    }
  });

  it("detects a row edited with its hash recomputed: the next row no longer follows", async () => {
    const p = await createProject(tdb.db);
    for (let i = 1; i <= 3; i++) await event(tdb.db, p.id, i);
    await tamper(
      tdb.db,
      sql`update audit_events set details = '{"n": 99}'::jsonb where project_id = ${p.id} and seq = 2`,
      sql`update audit_events e set hash = cm_audit_row_hash(e) where project_id = ${p.id} and seq = 2`,
    );
    const report = await verifyAuditChain({ db: tdb.db, projectId: p.id });
    expect(report.firstBreak).toMatchObject({ seq: 3 });
  });
});

/** This file breaks other chains on purpose: check the ones a test owns (null: the platform's). */
async function expectVerified(chains: (string | null)[]) {
  for (const projectId of chains) expect((await verifyAuditChain({ db: tdb.db, projectId })).firstBreak).toBeNull();
}

describe(`audit retention (${databaseLabel()})`, () => {
  it("removes whole old days from the oldest end, records the range, and the chain still verifies", async () => {
    const now = new Date("2030-06-15T12:00:00Z");
    const p = await createProject(tdb.db);
    await event(tdb.db, p.id, 1, new Date(now.getTime() - 40 * DAY));
    await event(tdb.db, p.id, 2, new Date(now.getTime() - 31 * DAY));
    await event(tdb.db, p.id, 3, new Date(now.getTime() - 2 * DAY));
    await event(tdb.db, p.id, 4, new Date(now.getTime() - DAY));
    const emptied = await createProject(tdb.db);
    await event(tdb.db, emptied.id, 1, new Date(now.getTime() - 50 * DAY));

    const result = await pruneAuditEvents({ db: tdb.db, retentionDays: 30, now });
    expect(result.before.toISOString()).toBe("2030-05-16T00:00:00.000Z");
    expect(result.removed).toBeGreaterThanOrEqual(3);
    expect((await chainOf(tdb.db, p.id)).map((r) => r.seq)).toEqual([3, 4]);
    expect(await chainOf(tdb.db, emptied.id)).toEqual([]);

    const [pruned] = await rows<{ actor_type: string; details: Record<string, unknown> }>(
      tdb.db,
      sql`select actor_type, details from audit_events where project_id is null and action = 'audit.pruned' order by seq desc limit 1`,
    );
    expect(pruned).toMatchObject({ actor_type: "SYSTEM", details: { retentionDays: 30, before: "2030-05-16T00:00:00.000Z" } });
    expect(String(pruned!.details.from) <= String(pruned!.details.to)).toBe(true);
    await expectVerified([p.id, emptied.id, null]);

    // The emptied chain continues where it stopped, and a later prune keeps the earlier anchors.
    await event(tdb.db, emptied.id, 2);
    expect((await chainOf(tdb.db, emptied.id)).map((r) => r.seq)).toEqual([2]);
    await pruneAuditEvents({ db: tdb.db, retentionDays: 1, now });
    await expectVerified([p.id, emptied.id, null]);

    // Removing a surviving first row by hand is still caught after the prune.
    await tamper(tdb.db, sql`delete from audit_events where project_id = ${p.id} and seq = (select min(seq) from audit_events where project_id = ${p.id})`);
    expect((await verifyAuditChain({ db: tdb.db, projectId: p.id })).ok).toBe(false);
  });

  it("nothing older than the retention: nothing removed, no event", async () => {
    const before = await rows<{ n: number }>(tdb.db, sql`select count(*)::int as n from audit_events where action = 'audit.pruned'`);
    const result = await pruneAuditEvents({ db: tdb.db, retentionDays: 3650, now: new Date() });
    expect(result.removed).toBe(0);
    expect(await rows<{ n: number }>(tdb.db, sql`select count(*)::int as n from audit_events where action = 'audit.pruned'`)).toEqual(before);
  });
});

describe(`npm run admin -- audit:verify (${databaseLabel()})`, () => {
  it("reports the first break with exit code 1, and a sound chain with 0 and its head", async () => {
    const key = Symbol.for("connections-manager.db");
    const g = globalThis as Record<symbol, unknown>;
    // The command opens the app's database and closes it when done: lend it this test's, kept open.
    const lend = () => (g[key] = Promise.resolve({ ...tdb, close: async () => {} }));
    const run = async (args: string[]) => {
      const out: string[] = [];
      void lend();
      const sink = { write: (text: string) => out.push(text.replace(/\n$/, "")) };
      const code = await commands["audit:verify"]!.run(args, { stdin: process.stdin, stdout: sink, stderr: sink });
      return { code, text: out.join("\n") };
    };
    const sound = await createProject(tdb.db);
    await event(tdb.db, sound.id, 1);
    await event(tdb.db, sound.id, 2);
    try {
      const whole = await run([]);
      expect(whole.code).toBe(1); // earlier tests in this file broke chains on purpose
      expect(whole.text).toMatch(/^BROKEN: project \S+ chain: .*(changed|removed)/);
      const one = await run(["--project", sound.id]);
      expect(one).toMatchObject({ code: 0 });
      expect(one.text).toContain("OK: 2 events in 1 chain(s) verify.");
      expect(one.text).toMatch(new RegExp(`${sound.id}\\s+#2\\s+[0-9a-f]{64}`));
    } finally {
      delete g[key];
    }
  });
});
