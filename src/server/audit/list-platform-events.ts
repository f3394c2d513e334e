import { and, desc, isNull, like } from "drizzle-orm";
import type { ServiceCtx } from "@/server/context";
import { auditEvents } from "@/server/db/schema";

/** The latest platform events of one kind (OAuth apps, user accounts), newest first; for platform admins. */
export async function listPlatformEvents({ ctx, kind, limit = 20 }: { ctx: ServiceCtx; kind: "oauth_app" | "user" | "platform" | "encryption"; limit?: number }) {
  return ctx.db
    .select({
      id: auditEvents.id,
      createdAt: auditEvents.createdAt,
      action: auditEvents.action,
      actorType: auditEvents.actorType,
      actorLabel: auditEvents.actorLabel,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(and(isNull(auditEvents.projectId), like(auditEvents.action, `${kind}.%`)))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(Math.min(Math.max(limit, 1), 100));
}
