import { and, eq } from "drizzle-orm";
import { requireRole } from "@/server/authz/roles";
import { recordAudit } from "@/server/audit/record";
import type { ProjectCtx } from "@/server/context";
import { connectionReferences, flows } from "@/server/db/schema";
import { NotFoundError } from "@/server/errors";
import { parseOrThrow } from "@/server/validation";
import { ZFlowId } from "@/schemas/flows";

/** Deletes a flow of the project and its reference index rows, in one transaction. */
export async function deleteFlow({ ctx, input }: { ctx: ProjectCtx; input: { flowId: unknown } }) {
  requireRole(ctx, "EDITOR", "Viewers cannot change flows");
  const flowId = parseOrThrow(ZFlowId, input.flowId);
  return ctx.db.transaction(async (tx) => {
    await tx.delete(connectionReferences).where(and(eq(connectionReferences.projectId, ctx.projectId), eq(connectionReferences.flowId, flowId)));
    const deleted = await tx
      .delete(flows)
      .where(and(eq(flows.projectId, ctx.projectId), eq(flows.id, flowId)))
      .returning({ id: flows.id, name: flows.name });
    if (deleted.length === 0) throw new NotFoundError("Flow");
    await recordAudit(tx, { projectId: ctx.projectId, actor: ctx.actor, action: "flow.deleted", flowId, details: { name: deleted[0]!.name } });
    return { deleted: flowId };
  });
}
