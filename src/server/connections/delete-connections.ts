import { and, eq, inArray } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record";
import type { ProjectCtx } from "@/server/context";
import { connections } from "@/server/db/schema";
import { ZDeleteConnectionsInput } from "@/schemas/connections";
import { countFlowsByExternalId, summarizeAffectedFlows } from "@/server/flows/affected-flows";
import { ConnectionsInUseError } from "@/server/connections/errors";
import { findConnectionsOrThrow } from "@/server/flows/list-affected-flows";
import { parseOrThrow } from "@/server/validation";
import { assertCanWrite } from "./assert-can-write";

/**
 * Deletes one or many connections of the project, all or none, each with its audit row.
 * Connections that flows use are deleted only with `confirmAffected` equal to the current
 * fingerprint of those flows: an explicit confirmation of exactly what will break.
 */
export async function deleteConnections({ ctx, input }: { ctx: ProjectCtx; input: unknown }) {
  assertCanWrite(ctx);
  const data = parseOrThrow(ZDeleteConnectionsInput, input);
  return ctx.db.transaction(async (tx) => {
    // Locked first: a flow save referencing one of them waits for this transaction (see lockReferencedConnections).
    const rows = await findConnectionsOrThrow(tx, ctx.projectId, data.connectionIds, { forUpdate: true });
    const affected = await summarizeAffectedFlows(
      tx,
      ctx.projectId,
      rows.map((r) => r.externalId),
    );
    if (affected.total > 0 && data.confirmAffected !== affected.fingerprint) {
      throw new ConnectionsInUseError(affected, data.confirmAffected !== undefined);
    }
    const flowsPer =
      affected.total > 0
        ? await countFlowsByExternalId(
            tx,
            ctx.projectId,
            rows.map((r) => r.externalId),
          )
        : new Map<string, number>();
    const ids = rows.map((r) => r.id);
    await tx.delete(connections).where(and(eq(connections.projectId, ctx.projectId), inArray(connections.id, ids)));
    for (const row of rows) {
      await recordAudit(tx, {
        projectId: ctx.projectId,
        actor: ctx.actor,
        action: "connection.deleted",
        connection: row,
        details: { pieceName: row.pieceName, ...(flowsPer.get(row.externalId) ? { flowsAffected: flowsPer.get(row.externalId) } : {}) },
      });
    }
    return { deleted: rows.map((r) => ({ id: r.id, displayName: r.displayName })) };
  });
}
