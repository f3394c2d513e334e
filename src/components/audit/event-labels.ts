import { AUDIT_ACTIONS } from "@/schemas/audit";

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const actionLabels: Record<AuditAction, string> = {
  "connection.created": "Created",
  "connection.renamed": "Renamed",
  "connection.credentials_updated": "Credentials updated",
  "connection.reconnected": "Reconnected",
  "connection.refreshed": "Token refreshed",
  "connection.refresh_failed": "Refresh failed",
  "connection.status_changed": "Status changed",
  "connection.rechecked": "Rechecked",
  "connection.used": "Used by a flow",
  "connection.replaced": "Replaced",
  "connection.deleted": "Deleted",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "connections.exported": "Connections exported",
  "connections.imported": "Connections imported",
};

export function actionLabel(action: string): string {
  return actionLabels[action as AuditAction] ?? action;
}

const statusName: Record<string, string> = { ACTIVE: "Active", MISSING: "Missing", ERROR: "Error" };
const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");

/** One readable line from an event's details (which never hold a secret). */
export function describeDetails(action: string, d: Record<string, unknown>): string {
  switch (action) {
    case "connection.renamed":
      return `“${str(d.from)}” → “${str(d.to)}”`;
    case "connection.status_changed":
      return `${statusName[str(d.from)] ?? str(d.from)} → ${statusName[str(d.to)] ?? str(d.to)}${d.reason ? ` · ${str(d.reason)}` : ""}`;
    case "connections.exported":
    case "connections.imported":
      return [`${str(d.connections)} connections`, `${str(d.flows)} flows`, d.oauthApps ? `${str(d.oauthApps)} OAuth apps` : "", d.skipped ? `${str(d.skipped)} skipped` : "", d.renamed ? `${str(d.renamed)} renamed` : ""]
        .filter(Boolean)
        .join(" · ");
    case "connection.rechecked":
      return `${str(d.outcome)}${d.message ? ` · ${str(d.message)}` : ""}`;
    case "connection.replaced":
      return [d.to ? `by ${str(d.toName || d.to)}` : "", d.flowsChanged !== undefined ? `${str(d.flowsChanged)} flows changed` : ""]
        .filter(Boolean)
        .join(" · ");
    case "connection.reconnected":
    case "connection.credentials_updated":
      return d.statusFrom ? `${statusName[str(d.statusFrom)] ?? str(d.statusFrom)} → Active` : "";
    case "connection.refresh_failed":
      return str(d.reason || d.error || d.message);
    case "connection.created":
      return [str(d.pieceName), str(d.type)].filter(Boolean).join(" · ");
    case "api_key.created":
    case "api_key.revoked":
      return [`“${str(d.name)}”`, Array.isArray(d.scopes) ? d.scopes.map(str).join(", ") : ""].filter(Boolean).join(" · ");
    default:
      return Object.entries(d)
        .filter(([, v]) => typeof v === "string" || typeof v === "number" || typeof v === "boolean")
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(" · ");
  }
}
