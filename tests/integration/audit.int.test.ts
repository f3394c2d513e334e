import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { exportAuditCsv } from "@/server/audit/export-csv";
import { listAuditEvents } from "@/server/audit/list-events";
import { createConnection } from "@/server/connections/create-connection";
import { deleteConnections } from "@/server/connections/delete-connections";
import { updateConnection } from "@/server/connections/update-or-reconnect-connection";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { projectWithMember } from "../support/factories";
import { rows } from "../support/sql";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.dispose();
});

const key = () => `sk-test-${Math.random().toString(36).slice(2)}-AUDITSECRET-0123456789`;

async function readAll(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

describe(`audit trail (${databaseLabel()})`, () => {
  it("lists a project's events newest first with filters, and project B never sees project A's", async () => {
    const a = await projectWithMember(tdb.db, "ADMIN");
    const b = await projectWithMember(tdb.db, "ADMIN");
    const secret = key();
    const { connection } = await createConnection({
      ctx: a.ctx,
      input: { pieceName: "openai", type: "SECRET_TEXT", displayName: "Audited", credentials: { secret_text: secret } },
    });
    await updateConnection({ ctx: a.ctx, input: { connectionId: connection.id, displayName: "Audited (renamed)" } });
    await updateConnection({ ctx: a.ctx, input: { connectionId: connection.id, credentials: { secret_text: key() } } });

    const all = await listAuditEvents({ ctx: a.ctx, input: {} });
    expect(all.items.map((e) => e.action)).toEqual(["connection.credentials_updated", "connection.renamed", "connection.created"]);
    expect(all.items[0]).toMatchObject({ actorType: "USER", actorId: a.user.id, actorLabel: a.user.email, connectionName: "Audited (renamed)" });
    expect((await listAuditEvents({ ctx: a.ctx, input: { actions: ["connection.renamed"] } })).items).toHaveLength(1);
    expect((await listAuditEvents({ ctx: a.ctx, input: { actor: "SYSTEM" } })).total).toBe(0);
    expect((await listAuditEvents({ ctx: a.ctx, input: { actor: a.user.id, connectionId: connection.id } })).total).toBe(3);
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect((await listAuditEvents({ ctx: a.ctx, input: { from: tomorrow } })).total).toBe(0);

    expect((await listAuditEvents({ ctx: b.ctx, input: {} })).total).toBe(0);
    expect((await listAuditEvents({ ctx: b.ctx, input: { connectionId: connection.id } })).total).toBe(0);
    const api = createCaller({ db: tdb.db, user: { ...b.user, isPlatformAdmin: false } });
    await expect(api.audit.list({ projectId: a.ctx.projectId })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const csv = await readAll(exportAuditCsv({ ctx: a.ctx, input: {} }));
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("time,action,actor_type,actor,connection,connection_external_id,flow,details");
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain("connection.renamed");
    expect(csv).not.toContain("AUDITSECRET");
    expect(await readAll(exportAuditCsv({ ctx: b.ctx, input: {} }))).not.toContain("Audited");
  });

  it("an operation that is rolled back leaves no event", async () => {
    const a = await projectWithMember(tdb.db, "ADMIN");
    const b = await projectWithMember(tdb.db, "ADMIN");
    const mine = await createConnection({
      ctx: a.ctx,
      input: { pieceName: "openai", type: "SECRET_TEXT", displayName: "Keep me", credentials: { secret_text: key() } },
    });
    const theirs = await createConnection({
      ctx: b.ctx,
      input: { pieceName: "openai", type: "SECRET_TEXT", displayName: "Not yours", credentials: { secret_text: key() } },
    });
    await expect(deleteConnections({ ctx: a.ctx, input: { connectionIds: [mine.connection.id, theirs.connection.id] } })).rejects.toThrow();
    const [r] = await rows<{ n: number }>(
      tdb.db,
      sql`select count(*)::int as n from audit_events where action = 'connection.deleted' and project_id = ${a.ctx.projectId}`,
    );
    expect(r!.n).toBe(0);
  });

  it("CSV cells that a spreadsheet would execute are neutralised", async () => {
    const a = await projectWithMember(tdb.db, "ADMIN");
    await createConnection({
      ctx: a.ctx,
      input: { pieceName: "openai", type: "SECRET_TEXT", displayName: '=HYPERLINK("x"),evil', credentials: { secret_text: key() } },
    });
    const csv = await readAll(exportAuditCsv({ ctx: a.ctx, input: {} }));
    expect(csv).toContain(`"'=HYPERLINK(""x""),evil"`);
  });
});
