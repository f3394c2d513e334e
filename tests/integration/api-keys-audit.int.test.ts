import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/server/api-tokens/create-api-key";
import { revokeApiKey } from "@/server/api-tokens/revoke-api-key";
import { listAuditEvents } from "@/server/audit/list-events";
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

describe(`API keys in the audit trail (${databaseLabel()})`, () => {
  it("records who created and revoked which key, once, without the key", async () => {
    const a = await projectWithMember(tdb.db, "ADMIN");
    const b = await projectWithMember(tdb.db, "ADMIN");
    const { token, key } = await createApiKey({ ctx: a.ctx, input: { name: "Flow engine", scopes: ["connections:read", "embed:sessions"] } });
    await revokeApiKey({ ctx: a.ctx, input: { keyId: key.id } });
    await revokeApiKey({ ctx: a.ctx, input: { keyId: key.id } }); // already revoked: no second event

    const events = await listAuditEvents({ ctx: a.ctx, input: { actions: ["api_key.created", "api_key.revoked"] } });
    expect(events.items.map((e) => e.action)).toEqual(["api_key.revoked", "api_key.created"]);
    expect(events.items[1]).toMatchObject({
      actorType: "USER",
      actorId: a.user.id,
      connectionId: null,
      details: { keyId: key.id, name: "Flow engine", scopes: ["connections:read", "embed:sessions"] },
    });
    expect((await listAuditEvents({ ctx: b.ctx, input: {} })).total).toBe(0);

    const leaked = await rows<{ n: number }>(tdb.db, sql`select count(*)::int as n from audit_events where details::text like ${`%${token.slice(-16)}%`}`);
    expect(leaked[0]!.n).toBe(0);
  });

  it("refused input and another project's key write no event", async () => {
    const a = await projectWithMember(tdb.db, "ADMIN");
    const b = await projectWithMember(tdb.db, "ADMIN");
    const { key } = await createApiKey({ ctx: b.ctx, input: { name: "B's key", scopes: ["flows:write"] } });
    await expect(createApiKey({ ctx: a.ctx, input: { name: "", scopes: [] } })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(revokeApiKey({ ctx: a.ctx, input: { keyId: key.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listAuditEvents({ ctx: a.ctx, input: {} })).total).toBe(0);
    expect((await listAuditEvents({ ctx: b.ctx, input: { actions: ["api_key.revoked"] } })).total).toBe(0);
  });
});
