import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteConnections } from "@/server/connections/delete-connections";
import { getConnection } from "@/server/connections/get-connection";
import type { ProjectCtx } from "@/server/context";
import { ConnectionsInUseError } from "@/server/connections/errors";
import { getFlow } from "@/server/flows/get-flow";
import { listAffectedFlows } from "@/server/flows/list-affected-flows";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { projectWithMember } from "../support/factories";
import { createKeyConnection, saveTestFlow, step } from "../support/flows";
import { rows } from "../support/sql";

let tdb: TestDatabase;
let ctx: ProjectCtx;
beforeAll(async () => {
  tdb = await createTestDatabase();
  ctx = (await projectWithMember(tdb.db, "EDITOR")).ctx;
});
afterAll(async () => {
  await tdb?.dispose();
});

const exists = (connectionId: string) =>
  getConnection({ ctx, input: { connectionId } }).then(
    () => true,
    () => false,
  );

describe(`Delete a connection that flows use (${databaseLabel()})`, () => {
  it("is refused without the explicit confirmation, and with a stale one", async () => {
    const used = await createKeyConnection(ctx, "Used by two");
    const flow = await saveTestFlow(ctx, { name: "Breaks", draft: [step("ask", used.externalId)], publish: true });
    await saveTestFlow(ctx, { name: "Also breaks", draft: [step("ask", used.externalId)] });

    const refused = await deleteConnections({ ctx, input: { connectionIds: [used.id] } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConnectionsInUseError);
    expect(refused).toMatchObject({ code: "CONFLICT", affected: { total: 2 }, message: expect.stringContaining("Used by 2 flows") });
    expect(await exists(used.id)).toBe(true);

    const shown = await listAffectedFlows({ ctx, input: { connectionIds: [used.id] } });
    expect(shown.items.map((f) => [f.name, f.use])).toEqual([
      ["Also breaks", "DRAFT"],
      ["Breaks", "BOTH"],
    ]);
    await saveTestFlow(ctx, { name: "Added meanwhile", draft: [step("ask", used.externalId)] });
    await expect(deleteConnections({ ctx, input: { connectionIds: [used.id], confirmAffected: shown.fingerprint } })).rejects.toMatchObject({
      code: "CONFLICT",
      affected: { total: 3 },
      message: expect.stringContaining("changed since you looked"),
    });
    expect(await exists(used.id)).toBe(true);

    const again = await listAffectedFlows({ ctx, input: { connectionIds: [used.id] } });
    await deleteConnections({ ctx, input: { connectionIds: [used.id], confirmAffected: again.fingerprint } });
    expect(await exists(used.id)).toBe(false);

    // The flows keep their reference and now show it as missing.
    const detail = await getFlow({ ctx, input: { flowId: flow.id } });
    expect(detail.draft[0]!.connections[0]).toMatchObject({ externalId: used.externalId, problem: "CONNECTION_NOT_FOUND" });
    const [audit] = await rows<{ details: Record<string, unknown> }>(
      tdb.db,
      sql`select details from audit_events where connection_id = ${used.id} and action = 'connection.deleted'`,
    );
    expect(audit!.details).toMatchObject({ flowsAffected: 3 });
  });

  it("needs the confirmation in bulk as soon as one of them is used; an unused one needs none", async () => {
    const used = await createKeyConnection(ctx, "Bulk used");
    const unused = await createKeyConnection(ctx, "Bulk unused");
    const lonely = await createKeyConnection(ctx, "Lonely");
    await saveTestFlow(ctx, { draft: [step("ask", used.externalId)] });

    await expect(deleteConnections({ ctx, input: { connectionIds: [used.id, unused.id] } })).rejects.toBeInstanceOf(ConnectionsInUseError);
    expect([await exists(used.id), await exists(unused.id)]).toEqual([true, true]);

    await deleteConnections({ ctx, input: { connectionIds: [lonely.id] } });
    expect(await exists(lonely.id)).toBe(false);

    const { fingerprint } = await listAffectedFlows({ ctx, input: { connectionIds: [used.id, unused.id] } });
    const result = await deleteConnections({ ctx, input: { connectionIds: [used.id, unused.id], confirmAffected: fingerprint } });
    expect(result.deleted).toHaveLength(2);
  });
});
