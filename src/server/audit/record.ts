import type { Actor } from "@/server/context";
import { auditEvents } from "@/server/db/schema";
import type { Db } from "@/server/db/types";

export type AuditAction =
  | "connection.created"
  | "connection.renamed"
  | "connection.credentials_updated"
  | "connection.reconnected"
  | "connection.deleted"
  | "connection.status_changed"
  | "connection.refreshed"
  | "connection.refresh_failed"
  | "connection.rechecked"
  | "connection.used"
  | "connection.replaced"
  | "api_key.created"
  | "api_key.revoked"
  | "oauth_app.configured"
  | "oauth_app.removed"
  | "user.created";

export interface AuditSubject {
  id: string;
  externalId: string;
  displayName: string;
}

/**
 * Writes one audit row. Call it with the transaction of the change it records, so the event
 * exists exactly when the change does. `details` must never hold a secret.
 */
export async function recordAudit(
  db: Db,
  event: { projectId: string; actor: Actor; action: AuditAction; connection?: AuditSubject; flowId?: string; details?: Record<string, unknown> },
) {
  await db.insert(auditEvents).values({
    projectId: event.projectId,
    connectionId: event.connection?.id ?? null,
    connectionExternalId: event.connection?.externalId ?? null,
    connectionName: event.connection?.displayName ?? null,
    action: event.action,
    actorType: event.actor.type,
    actorId: event.actor.id,
    actorLabel: event.actor.label,
    flowId: event.flowId ?? null,
    details: event.details ?? {},
  });
}

/** A platform event (no project): an admin changed something every project depends on. */
export async function recordPlatformAudit(db: Db, event: { actor: Actor; action: Extract<AuditAction, `oauth_app.${string}` | `user.${string}`>; details: Record<string, unknown> }) {
  await db.insert(auditEvents).values({
    projectId: null,
    action: event.action,
    actorType: event.actor.type,
    actorId: event.actor.id,
    actorLabel: event.actor.label,
    details: event.details,
  });
}
