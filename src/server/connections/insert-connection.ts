import { randomUUID } from "node:crypto";
import { recordAudit } from "@/server/audit/record";
import type { ProjectCtx } from "@/server/context";
import { connections } from "@/server/db/schema";
import { isUniqueViolation } from "@/server/errors";
import { duplicateNameError } from "./errors";
import type { ConnectionRow } from "./dto";
import { nextExternalId } from "./external-id";

type Fields = Partial<Omit<typeof connections.$inferInsert, "id" | "projectId" | "externalId" | "displayName" | "pieceName" | "type" | "status">>;

/**
 * Inserts a new connection with a fresh id and the first free externalId, and its
 * connection.created audit row, in one transaction. `fields` receives the id, so sealed
 * credentials can be bound to it.
 */
export async function insertConnection(
  ctx: ProjectCtx,
  input: {
    displayName: string;
    pieceName: string;
    type: ConnectionRow["type"];
    status: ConnectionRow["status"];
    fields?: (id: string) => Fields;
    auditDetails?: Record<string, unknown>;
  },
): Promise<ConnectionRow> {
  for (let attempt = 0; ; attempt++) {
    const id = randomUUID();
    try {
      return await ctx.db.transaction(async (tx) => {
        const externalId = await nextExternalId(tx, ctx.projectId, input.displayName);
        const [created] = await tx
          .insert(connections)
          .values({
            ...input.fields?.(id),
            id,
            projectId: ctx.projectId,
            externalId,
            displayName: input.displayName,
            pieceName: input.pieceName,
            type: input.type,
            status: input.status,
            ownerId: ctx.actor.type === "USER" ? ctx.actor.id : null,
          })
          .returning();
        await recordAudit(tx, {
          projectId: ctx.projectId,
          actor: ctx.actor,
          action: "connection.created",
          connection: created!,
          details: { pieceName: input.pieceName, type: input.type, ...input.auditDetails },
        });
        return created!;
      });
    } catch (err) {
      if (isUniqueViolation(err, "connections_project_name_uq")) throw duplicateNameError(input.displayName);
      // Two creates raced for the same slug: pick the next free one.
      if (isUniqueViolation(err, "connections_project_external_uq") && attempt < 5) continue;
      throw err;
    }
  }
}
