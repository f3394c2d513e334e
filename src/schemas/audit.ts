import { z } from "zod";
import { zDate, zText } from "./primitives";

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
  "member.added",
  "member.removed",
  "member.role_changed",
  "notifications.updated",
  "project.created",
  "project.renamed",
  "connections.exported",
  "connections.imported",
  "flow.saved",
  "flow.deleted",
] as const;

/** Events of no project: an admin changed something every project depends on. */
export const PLATFORM_AUDIT_ACTIONS = [
  "oauth_app.configured",
  "oauth_app.removed",
  "user.created",
  "project.deleted",
  "user.admin_granted",
  "user.admin_revoked",
  "user.disabled",
  "user.enabled",
  "user.password_reset",
  "user.password_changed",
  "user.locked_out",
  "api_key.locked_out",
  "platform.settings_changed",
  "encryption.reencrypt_started",
  "encryption.reencrypt_finished",
  "encryption.key_rotated",
  "audit.pruned",
] as const;

export const ZAuditFilters = z.object({
  connectionId: zText({ max: 64 }).trim().min(1).optional(),
  actions: z.array(z.enum(AUDIT_ACTIONS)).max(AUDIT_ACTIONS.length).optional(),
  /** A user id, or "SYSTEM" / "API_TOKEN" for every actor of that kind. */
  actor: zText({ max: 64 }).trim().min(1).optional(),
  from: zDate().optional(),
  to: zDate().optional(),
});

export const ZListAuditInput = ZAuditFilters.extend({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type TListAuditInput = z.input<typeof ZListAuditInput>;
