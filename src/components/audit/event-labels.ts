import type { AUDIT_ACTIONS } from "@/schemas/audit";

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
  "member.added": "Member added",
  "member.removed": "Member removed",
  "member.role_changed": "Member role changed",
  "notifications.updated": "Notifications changed",
  "project.created": "Project created",
  "project.renamed": "Project renamed",
  "connections.exported": "Connections exported",
  "connections.imported": "Connections imported",
  "flow.saved": "Flow saved",
  "flow.deleted": "Flow deleted",
};

export function actionLabel(action: string): string {
  return actionLabels[action as AuditAction] ?? action;
}

const roleName: Record<string, string> = { ADMIN: "Admin", EDITOR: "Editor", VIEWER: "Viewer" };
const role = (v: unknown) => roleName[str(v)] ?? str(v);

function fromTo(v: unknown): string {
  const d = (v ?? {}) as { from?: unknown; to?: unknown };
  const side = (x: unknown) => (x === null || x === undefined || x === "" ? "none" : typeof x === "boolean" ? (x ? "on" : "off") : str(x));
  return `${side(d.from)} → ${side(d.to)}`;
}

/** Which notification settings changed; a secret only ever as "created" / "rotated". */
function describeNotifications(d: Record<string, unknown>): string {
  const fields = Array.isArray(d.fields) ? d.fields.map(str) : [];
  return fields
    .map((f) => {
      if (f === "webhookUrl") return `Webhook URL: ${fromTo(d.webhookUrl)}`;
      if (f === "emailAdmins") return `E-mail admins: ${fromTo(d.emailAdmins)}`;
      if (f === "webhookSecret") return `Signing secret ${str(d.webhookSecret) || "changed"}`;
      return f;
    })
    .join(" · ");
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
      return [
        `${str(d.connections)} connections`,
        `${str(d.flows)} flows`,
        d.oauthApps ? `${str(d.oauthApps)} OAuth apps` : "",
        d.skipped ? `${str(d.skipped)} skipped` : "",
        d.renamed ? `${str(d.renamed)} renamed` : "",
      ]
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
    case "member.added":
      return `${str(d.email)} as ${role(d.role)}`;
    case "member.removed":
      return `${str(d.email)} (was ${role(d.role)})`;
    case "member.role_changed":
      return `${str(d.email)}: ${role(d.from)} → ${role(d.to)}`;
    case "notifications.updated":
      return describeNotifications(d);
    case "project.created":
      return `“${str(d.name)}”`;
    case "project.renamed":
      return `“${str(d.from)}” → “${str(d.to)}”`;
    case "flow.saved":
      return [
        `“${str(d.name)}”`,
        d.created ? "created" : "",
        d.published ? "published" : "",
        Array.isArray(d.connections) ? `uses ${d.connections.map(str).join(", ") || "no connection"}` : "",
      ]
        .filter(Boolean)
        .join(" · ");
    case "flow.deleted":
      return `“${str(d.name)}”`;
    default:
      return Object.entries(d)
        .filter(([, v]) => typeof v === "string" || typeof v === "number" || typeof v === "boolean")
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(" · ");
  }
}
