import type { Actor } from "@/server/context";
import { auditEvents } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import type { AUDIT_ACTIONS, PLATFORM_AUDIT_ACTIONS } from "@/schemas/audit";

/** A project's events. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type PlatformAuditAction = (typeof PLATFORM_AUDIT_ACTIONS)[number];

export interface AuditSubject {
  id: string;
  externalId: string;
  displayName: string;
}

/**
 * Writes one audit row. Call it with the transaction of the change it records, so the event
 * exists exactly when the change does. `details` must never hold a secret.
 * The database chains the row (seq, prev_hash, hash) as it is inserted; nothing here computes it.
 */
export async function recordAudit(
  db: Db,
  event: { projectId: string; actor: Actor; action: AuditAction; connection?: AuditSubject; flowId?: string; details?: Record<string, unknown> },
) {
  await insertEvent(db, event);
}

/** A platform event (no project): an admin changed something every project depends on. */
export async function recordPlatformAudit(db: Db, event: { actor: Actor; action: PlatformAuditAction; details: Record<string, unknown> }) {
  await insertEvent(db, { ...event, projectId: null });
}

async function insertEvent(
  db: Db,
  event: {
    projectId: string | null;
    actor: Actor;
    action: AuditAction | PlatformAuditAction;
    connection?: AuditSubject;
    flowId?: string;
    details?: Record<string, unknown>;
  },
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
    // A picker session's rows name the API key that opened it, beside the user it acted for.
    details: event.actor.via ? { ...event.details, via: event.actor.via } : (event.details ?? {}),
  });
}
