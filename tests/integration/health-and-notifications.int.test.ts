import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "@/env";
import { createConnection } from "@/server/connections/create-connection";
import type { ProjectCtx } from "@/server/context";
import { SYSTEM_ACTOR } from "@/server/context";
import { recheckConnection } from "@/server/health/recheck-connection";
import { runDueHealthChecks } from "@/server/health/run-due-checks";
import { deliverDueNotifications, retryDelayMs } from "@/server/notifications/deliver";
import { updateNotificationSettings } from "@/server/notifications/settings";
import { SIGNATURE_HEADER, verifySignature } from "@/server/notifications/signature";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { projectWithMember } from "../support/factories";
import { startReceiver } from "../support/http-receiver";
import { rows } from "../support/sql";

let tdb: TestDatabase;
let ctx: ProjectCtx;
// A real API on loopback that accepts one token: revoking it plays "the key was revoked in the app".
let validToken = "tok-live-0001-abcdef";
let down = false;
let api: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  ctx = (await projectWithMember(tdb.db, "ADMIN")).ctx;
  api = await startReceiver((req) => {
    if (down) return { status: 503 };
    return req.headers["x-api-key"] === validToken ? { status: 200, body: { ok: true } } : { status: 401 };
  });
});
afterAll(async () => {
  await api?.close();
  await tdb?.dispose();
});

async function createApiConnection(name: string) {
  const { connection } = await createConnection({
    ctx,
    input: {
      pieceName: "http-custom-headers",
      type: "CUSTOM",
      displayName: name,
      credentials: { props: { baseUrl: api.url, headerName: "X-API-Key", headerValue: validToken } },
    },
  });
  return connection;
}

async function status(id: string) {
  const [r] = await rows<{ status: string; status_reason: string | null; last_checked_at: Date | null }>(
    tdb.db,
    sql`select status, status_reason, last_checked_at from connections where id = ${id}`,
  );
  return r!;
}

describe(`health checks (${databaseLabel()})`, () => {
  it("flip a connection whose key was revoked to Error with the reason, and back to Active when it works again", async () => {
    const c = await createApiConnection(`API ${Date.now()}`);
    const original = validToken;
    validToken = "tok-rotated-9999";
    const failed = await recheckConnection(tdb.db, ctx.projectId, c.id, SYSTEM_ACTOR);
    expect(failed).toMatchObject({ outcome: "failed", status: "ERROR" });
    expect(await status(c.id)).toMatchObject({ status: "ERROR", status_reason: "The server rejected the credentials (HTTP 401)" });
    validToken = original;
    const passed = await recheckConnection(tdb.db, ctx.projectId, c.id, SYSTEM_ACTOR);
    expect(passed).toMatchObject({ outcome: "passed", status: "ACTIVE" });
    expect(await status(c.id)).toMatchObject({ status: "ACTIVE", status_reason: null });
    const events = await rows<{ action: string; details: Record<string, unknown> }>(
      tdb.db,
      sql`select action, details from audit_events where connection_id = ${c.id} order by id`,
    );
    expect(events.map((e) => e.action)).toEqual([
      "connection.created",
      "connection.rechecked",
      "connection.status_changed",
      "connection.rechecked",
      "connection.status_changed",
    ]);
    expect(events[2]!.details).toMatchObject({ from: "ACTIVE", to: "ERROR", cause: "recheck" });
  });

  it("a network error alone does not flip the status", async () => {
    const c = await createApiConnection(`API down ${Date.now()}`);
    down = true;
    try {
      const r = await recheckConnection(tdb.db, ctx.projectId, c.id, SYSTEM_ACTOR);
      expect(r.outcome).toBe("unreachable");
    } finally {
      down = false;
    }
    const s = await status(c.id);
    expect(s.status).toBe("ACTIVE");
    expect(s.last_checked_at).not.toBeNull();

    // The app's server is gone altogether (connection refused): still no flip.
    const gone = await startReceiver(() => ({ status: 200 }));
    const { connection } = await createConnection({
      ctx,
      input: {
        pieceName: "http-custom-headers",
        type: "CUSTOM",
        displayName: `Gone ${Date.now()}`,
        credentials: { props: { baseUrl: gone.url, headerName: "X-API-Key", headerValue: "k" } },
      },
    });
    await gone.close();
    expect(await recheckConnection(tdb.db, ctx.projectId, connection.id, SYSTEM_ACTOR)).toMatchObject({ outcome: "unreachable", status: "ACTIVE" });
    expect((await status(connection.id)).status).toBe("ACTIVE");
  });

  it("the scheduler checks each due connection once, even when two instances run at the same time", async () => {
    const { ctx: other } = await projectWithMember(tdb.db, "ADMIN");
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { connection } = await createConnection({
        ctx: other,
        input: {
          pieceName: "http-custom-headers",
          type: "CUSTOM",
          displayName: `due ${i}`,
          credentials: { props: { baseUrl: api.url, headerName: "X-API-Key", headerValue: validToken } },
        },
      });
      ids.push(connection.id);
    }
    await tdb.db.execute(sql`update connections set next_check_at = now() - interval '1 minute' where project_id = ${other.projectId}`);
    await tdb.db.execute(sql`update connections set next_check_at = now() + interval '1 day' where project_id <> ${other.projectId}`);
    const [a, b] = await Promise.all([runDueHealthChecks(tdb.db), runDueHealthChecks(tdb.db)]);
    expect(a.checked + b.checked).toBe(6);
    const checks = await rows<{ n: number }>(
      tdb.db,
      sql`select count(*)::int as n from audit_events where project_id = ${other.projectId} and action = 'connection.rechecked'`,
    );
    expect(checks[0]!.n).toBe(6);
    const again = await runDueHealthChecks(tdb.db);
    expect(again.checked).toBe(0);
  });
});

describe("notifications", () => {
  it("a move to Error is sent to the webhook, signed, and retried after a 500", async () => {
    let answers = [500, 200];
    const receiver = await startReceiver(() => ({ status: answers.shift() ?? 200 }));
    try {
      const { ctx: p } = await projectWithMember(tdb.db, "ADMIN");
      const settings = await updateNotificationSettings({ ctx: p, input: { webhookUrl: `${receiver.url}/hooks`, emailAdmins: false } });
      expect(settings.newSecret).toMatch(/^whsec_/);
      const { connection } = await createConnection({
        ctx: p,
        input: {
          pieceName: "http-custom-headers",
          type: "CUSTOM",
          displayName: "Hooked",
          credentials: { props: { baseUrl: api.url, headerName: "X-API-Key", headerValue: validToken } },
        },
      });
      const original = validToken;
      validToken = "revoked-now";
      await recheckConnection(tdb.db, p.projectId, connection.id, SYSTEM_ACTOR);
      validToken = original;

      const first = await deliverDueNotifications(tdb.db);
      expect(first).toMatchObject({ claimed: 1, delivered: 0 });
      const [pending] = await rows<{ status: string; attempts: number; last_error: string }>(
        tdb.db,
        sql`select status, attempts, last_error from notification_deliveries where project_id = ${p.projectId}`,
      );
      expect(pending).toMatchObject({ status: "PENDING", attempts: 1, last_error: "HTTP 500" });
      expect(await deliverDueNotifications(tdb.db)).toMatchObject({ claimed: 0 });

      const later = new Date(Date.now() + retryDelayMs(1) + 1_000);
      expect(await deliverDueNotifications(tdb.db, { now: later })).toMatchObject({ claimed: 1, delivered: 1 });
      expect(receiver.received).toHaveLength(2);
      const last = receiver.received[1]!;
      expect(verifySignature(settings.newSecret!, last.body, last.headers[SIGNATURE_HEADER] as string)).toBe(true);
      expect(verifySignature("whsec_wrong", last.body, last.headers[SIGNATURE_HEADER] as string)).toBe(false);
      const body = JSON.parse(last.body);
      expect(body).toMatchObject({
        event: "connection.error",
        connection: {
          id: connection.id,
          externalId: connection.externalId,
          displayName: "Hooked",
          url: `http://localhost:${getEnv().PORT}/p/${p.projectId}/connections?connection=${connection.id}`,
        },
        status: { from: "ACTIVE", to: "ERROR", reason: "The server rejected the credentials (HTTP 401)" },
        affectedFlows: 0,
      });
      expect(last.body).not.toContain(validToken);
    } finally {
      answers = [];
      await receiver.close();
    }
  });

  it("a status change that is rolled back leaves no event and queues nothing", async () => {
    const { ctx: p } = await projectWithMember(tdb.db, "ADMIN");
    await updateNotificationSettings({ ctx: p, input: { webhookUrl: "http://127.0.0.1:9/never", emailAdmins: false } });
    const { connection } = await createConnection({
      ctx: p,
      input: {
        pieceName: "http-custom-headers",
        type: "CUSTOM",
        displayName: "Rolled back",
        credentials: { props: { baseUrl: api.url, headerName: "X-API-Key", headerValue: validToken } },
      },
    });
    const { changeConnectionStatus } = await import("@/server/connections/change-status");
    const { findConnectionOrThrow } = await import("@/server/connections/find");
    await expect(
      tdb.db.transaction(async (tx) => {
        const row = await findConnectionOrThrow(tx, p.projectId, connection.id, { forUpdate: true });
        await changeConnectionStatus(tx, { connection: row, to: "ERROR", reason: "boom", actor: SYSTEM_ACTOR, cause: "test" });
        throw new Error("abort after the change");
      }),
    ).rejects.toThrow("abort after the change");
    expect((await status(connection.id)).status).toBe("ACTIVE");
    const [counts] = await rows<{ events: number; queued: number }>(
      tdb.db,
      sql`select (select count(*)::int from audit_events where connection_id = ${connection.id} and action = 'connection.status_changed') as events,
                 (select count(*)::int from notification_deliveries where project_id = ${p.projectId}) as queued`,
    );
    expect(counts).toEqual({ events: 0, queued: 0 });
  });
});
