import { desc, isNull } from "drizzle-orm";
import type { ServiceCtx } from "@/server/context";
import { auditEvents } from "@/server/db/schema";

/** The latest platform events (OAuth app changes), newest first; for platform admins. */
export async function listPlatformEvents({ ctx, limit = 20 }: { ctx: ServiceCtx; limit?: number }) {
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
    .where(isNull(auditEvents.projectId))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(Math.min(Math.max(limit, 1), 100));
}
