import { TRANSFER_PASSPHRASE, type SecurityWorld } from "./security";

/**
 * A valid-shaped input for every tRPC procedure, aimed at project A of the security world. The
 * enumerating suite fails for a procedure missing here, so a new procedure cannot slip by: add
 * its entry (with real ids from `w`, so a wrongly allowed call would really change something).
 */
export const PROCEDURE_INPUTS: Record<string, (w: SecurityWorld) => unknown> = {
  "project.listMine": () => undefined,
  "project.get": (w) => ({ projectId: w.a.project.id }),
  "project.mayCreate": () => undefined,
  "project.create": () => ({ name: "Created by someone who may not" }),
  "project.rename": (w) => ({ projectId: w.a.project.id, name: "Renamed by someone who may not" }),
  "project.delete": (w) => ({ projectId: w.a.project.id, confirmName: w.a.project.name }),

  "member.list": (w) => ({ projectId: w.a.project.id }),
  "member.add": (w) => ({ projectId: w.a.project.id, email: w.outsider.email, role: "ADMIN" }),
  "member.changeRole": (w) => ({ projectId: w.a.project.id, userId: w.viewer.id, role: "ADMIN" }),
  "member.remove": (w) => ({ projectId: w.a.project.id, userId: w.editor.id }),

  "admin.listUsers": () => undefined,
  "admin.userEvents": () => undefined,
  "admin.createUser": () => ({ name: "Mallory", email: "mallory@example.test", password: "a-long-enough-password-1", isPlatformAdmin: true }),
  "admin.settings": () => undefined,
  "admin.updateSettings": () => ({ projectCreation: "EVERYONE" }),
  "admin.settingsEvents": () => undefined,
  "admin.resetPassword": (w) => ({ userId: w.a.user.id, password: "a-long-enough-password-2" }),
  "admin.setDisabled": (w) => ({ userId: w.a.user.id, disabled: true }),
  "admin.setPlatformAdmin": (w) => ({ userId: w.outsider.id, isPlatformAdmin: true }),
  "admin.platformEvents": () => undefined,
  "admin.verifyAudit": () => undefined,

  "encryption.status": () => undefined,
  "encryption.events": () => undefined,
  "encryption.reencryptNow": () => undefined,
  "encryption.rotateKey": () => undefined,

  "transfer.export": (w) => ({ projectId: w.a.project.id, passphrase: TRANSFER_PASSPHRASE }),
  // A real export of A with its passphrase: an import wrongly allowed would add renamed copies.
  "transfer.import": (w) => ({ projectId: w.a.project.id, file: w.exportFile, passphrase: TRANSFER_PASSPHRASE, onConflict: "rename" }),

  "connection.list": (w) => ({ projectId: w.a.project.id, pieces: ["openai"] }),
  "connection.get": (w) => ({ projectId: w.a.project.id, connectionId: w.connection.id }),
  "connection.create": (w) => ({
    projectId: w.a.project.id,
    pieceName: "openai",
    type: "SECRET_TEXT",
    displayName: "Planted",
    credentials: { secret_text: "sk-test0123456789abcdef01234567" },
  }),
  "connection.update": (w) => ({ projectId: w.a.project.id, connectionId: w.connection.id, displayName: "Renamed by a stranger" }),
  "connection.reconnect": (w) => ({
    projectId: w.a.project.id,
    connectionId: w.connection.id,
    credentials: { secret_text: "sk-test0123456789abcdef76543210" },
  }),

  "flow.list": (w) => ({ projectId: w.a.project.id }),
  "flow.get": (w) => ({ projectId: w.a.project.id, flowId: w.flow.id }),
  "flowImpact.affected": (w) => ({ projectId: w.a.project.id, connectionIds: [w.connection.id] }),
  "flowImpact.apps": (w) => ({ projectId: w.a.project.id }),

  "apiKey.list": (w) => ({ projectId: w.a.project.id }),
  "apiKey.create": (w) => ({ projectId: w.a.project.id, name: "exfiltrate", scopes: ["connections:read"] }),
  "apiKey.revoke": (w) => ({ projectId: w.a.project.id, keyId: w.apiKey.id }),

  "notifications.get": (w) => ({ projectId: w.a.project.id }),
  "notifications.update": (w) => ({ projectId: w.a.project.id, webhookUrl: "https://attacker.example/hook", emailAdmins: false }),
  "notifications.rotateSecret": (w) => ({ projectId: w.a.project.id }),
  "notifications.sendTest": (w) => ({ projectId: w.a.project.id }),

  "audit.list": (w) => ({ projectId: w.a.project.id }),
  "audit.actors": (w) => ({ projectId: w.a.project.id }),

  "health.summary": (w) => ({ projectId: w.a.project.id }),
  "health.recheck": (w) => ({ projectId: w.a.project.id, connectionId: w.connection.id }),

  "oauth.clientStatus": (w) => ({ projectId: w.a.project.id, pieceName: "gmail" }),
  "oauth.start": (w) => ({ projectId: w.a.project.id, pieceName: "gmail", displayName: "Planted Gmail" }),
  "oauth.complete": (w) => ({ projectId: w.a.project.id, query: "state=forged&code=forged" }),

  "oauthApp.list": () => undefined,
  "oauthApp.set": () => ({ pieceName: "gmail", clientId: "attacker-client", clientSecret: "attacker-secret" }),
  "oauthApp.events": () => undefined,
  "oauthApp.remove": () => ({ pieceName: "gmail" }),
};

/** Procedures anyone may call without signing in. Adding one is a decision: it must be listed here. */
export const PUBLIC_PROCEDURES: string[] = [];

/** The picker's whole capability; widening it must be visible in review, here. */
export const EXPECTED_PICKER_PROCEDURES = [
  "connection.list",
  "connection.get",
  "connection.create",
  "connection.reconnect",
  "oauth.clientStatus",
  "oauth.start",
  "oauth.complete",
];
