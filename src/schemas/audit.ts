import { z } from "zod";

export const AUDIT_ACTIONS = [
  "connection.created",
  "connection.renamed",
  "connection.credentials_updated",
  "connection.reconnected",
  "connection.refreshed",
  "connection.refresh_failed",
  "connection.status_changed",
  "connection.rechecked",
  "connection.used",
  "connection.replaced",
  "connection.deleted",
  "api_key.created",
  "api_key.revoked",
  "connections.exported",
  "connections.imported",
] as const;

/** Events of no project: an admin changed something every project depends on. */
export const PLATFORM_AUDIT_ACTIONS = ["oauth_app.configured", "oauth_app.removed", "user.created"] as const;

export const ZAuditFilters = z.object({
  connectionId: z.string().trim().min(1).max(64).optional(),
  actions: z.array(z.enum(AUDIT_ACTIONS)).max(AUDIT_ACTIONS.length).optional(),
  /** A user id, or "SYSTEM" / "API_TOKEN" for every actor of that kind. */
  actor: z.string().trim().min(1).max(64).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

export const ZListAuditInput = ZAuditFilters.extend({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type TListAuditInput = z.input<typeof ZListAuditInput>;
