import { eq } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record";
import type { Actor } from "@/server/context";
import { connections } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { enqueueStatusNotification } from "@/server/notifications/enqueue";
import type { ConnectionRow } from "./dto";

type Status = ConnectionRow["status"];

/**
 * The one way a connection's status changes outside of a user saving credentials: updates the row,
 * writes the status_changed audit event and queues the notifications, all in the caller's
 * transaction. A no-op when nothing changes.
 */
export async function changeConnectionStatus(
  tx: Db,
  input: {
    connection: Pick<ConnectionRow, "id" | "projectId" | "externalId" | "displayName" | "pieceName" | "status" | "statusReason">;
    to: Status;
    reason: string | null;
    actor: Actor;
    cause: string;
  },
): Promise<boolean> {
  const { connection, to, reason } = input;
  if (connection.status === to && connection.statusReason === reason) return false;
  await tx.update(connections).set({ status: to, statusReason: reason, updatedAt: new Date() }).where(eq(connections.id, connection.id));
  if (connection.status === to) return true;
  await recordAudit(tx, {
    projectId: connection.projectId,
    actor: input.actor,
    action: "connection.status_changed",
    connection,
    details: { from: connection.status, to, reason, cause: input.cause },
  });
  await enqueueStatusNotification(tx, { connection, from: connection.status, to, reason });
  return true;
}
