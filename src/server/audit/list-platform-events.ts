import { and, desc, isNull, like, or } from "drizzle-orm";
import type { ServiceCtx } from "@/server/context";
import { auditEvents } from "@/server/db/schema";

export type PlatformEventKind = "oauth_app" | "user" | "project" | "audit" | "encryption" | "platform" | "api_key";

/** The latest platform events of some kinds (OAuth apps, user accounts, ...), newest first; for platform admins. */
export async function listPlatformEvents({ ctx, kind, limit = 20 }: { ctx: ServiceCtx; kind: PlatformEventKind | PlatformEventKind[]; limit?: number }) {
  const kinds = Array.isArray(kind) ? kind : [kind];
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
    .where(and(isNull(auditEvents.projectId), or(...kinds.map((k) => like(auditEvents.action, `${k}.%`)))))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(Math.min(Math.max(limit, 1), 100));
}
