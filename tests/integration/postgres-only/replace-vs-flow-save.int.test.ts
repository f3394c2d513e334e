import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteConnections } from "@/server/connections/delete-connections";
import { previewReplace } from "@/server/connections/preview-replace";
import { replaceConnection } from "@/server/connections/replace-connection";
import type { ProjectCtx } from "@/server/context";
import { ConnectionsInUseError, StalePreviewError } from "@/server/connections/errors";
import { listAffectedFlows } from "@/server/flows/list-affected-flows";
import { saveFlow } from "@/server/flows/save-flow";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { projectWithMember } from "../../support/factories";
import { createKeyConnection, saveTestFlow, step } from "../../support/flows";

// Two transactions at once need two server connections: PostgreSQL only (PGlite has one).
let tdb: TestDatabase;
let ctx: ProjectCtx;
beforeAll(async () => {
  tdb = await createTestDatabase();
  ctx = (await projectWithMember(tdb.db, "EDITOR")).ctx;
});
afterAll(async () => {
  await tdb?.dispose();
});

/** Saves a flow using `externalId` in a transaction that stays open until `release` is called. */
function saveHeldOpen(flowId: string, externalId: string) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const done = tdb.db.transaction(async (tx) => {
    await saveFlow({ ctx: { ...ctx, db: tx }, input: { flowId, name: flowId, draft: [step("ask", externalId)] } });
    await gate;
  });
  return { release, done };
}

describe("a flow saved while a Replace or Delete runs", () => {
  it("makes the Replace wait, then refuse its stale preview: no flow is left on the old connection", async () => {
    const from = await createKeyConnection(ctx, "Race old");
    const to = await createKeyConnection(ctx, "Race new");
    await saveTestFlow(ctx, { draft: [step("ask", from.externalId)] });
    const { fingerprint } = await previewReplace({ ctx, input: { fromConnectionId: from.id, toConnectionId: to.id } });

    const save = saveHeldOpen("race-flow-1", from.externalId);
    await sleep(100);
    let settled = false;
    const replacing = replaceConnection({
      ctx,
      input: { fromConnectionId: from.id, toConnectionId: to.id, deleteOld: true, expectedFingerprint: fingerprint },
    })
      .catch((e: unknown) => e)
      .finally(() => (settled = true));
    await sleep(300);
    expect(settled).toBe(false); // blocked on the connection the save holds
    save.release();
    await save.done;
    const err = await replacing;
    expect(err).toBeInstanceOf(StalePreviewError);
    expect((err as StalePreviewError).preview.total).toBe(2);
  });

  it("makes the Delete wait, then ask for confirmation of the new flow too", async () => {
    const doomed = await createKeyConnection(ctx, "Race doomed");
    await saveTestFlow(ctx, { draft: [step("ask", doomed.externalId)] });
    const { fingerprint } = await listAffectedFlows({ ctx, input: { connectionIds: [doomed.id] } });

    const save = saveHeldOpen("race-flow-2", doomed.externalId);
    await sleep(100);
    const deleting = deleteConnections({ ctx, input: { connectionIds: [doomed.id], confirmAffected: fingerprint } }).catch((e: unknown) => e);
    await sleep(300);
    save.release();
    await save.done;
    const err = await deleting;
    expect(err).toBeInstanceOf(ConnectionsInUseError);
    expect((err as ConnectionsInUseError).affected.total).toBe(2);
  });
});
