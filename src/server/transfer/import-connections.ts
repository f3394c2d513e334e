import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { getPiece } from "@/pieces";
import { connectionValueSchema } from "@/pieces/connection-value";
import { recordAudit, recordPlatformAudit } from "@/server/audit/record";
import type { ProjectCtx } from "@/server/context";
import { encryptJson } from "@/server/crypto/envelope";
import { maskSecret } from "@/lib/mask";
import { connections, flows, oauthApps } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { ConflictError, ForbiddenError, isUniqueViolation, ValidationError } from "@/server/errors";
import { flowReferences, syncFlowReferences } from "@/server/flows/references";
import { sealClientSecret } from "@/server/oauth/apps/configured-clients";
import { refreshMarginMs } from "@/server/oauth/refresh/token-value";
import { getKeyRing } from "@/server/secrets/key-ring";
import { parseOrThrow } from "@/server/validation";
import { ZImportInput } from "@/schemas/transfer";
import { ZBundle, type Bundle, type BundleConnection, type BundleOAuthApp } from "./bundle";
import { planImport, type Existing } from "./plan-import";
import { actsForPlatform } from "./platform-scope";
import { openExport } from "./sealed-file";

export interface ImportSummary {
  connections: number;
  flows: number;
  oauthApps: number;
  /** OAuth apps in the file left out: the target already has one for that app, or the importer is not a platform admin. */
  oauthAppsKept: number;
  skipped: number;
  renamed: number;
}

// A connection's type as stored, and the `type` its sealed value carries.
const VALUE_TYPE = { SECRET_TEXT: "SECRET_TEXT", BASIC: "BASIC", CUSTOM: "CUSTOM_AUTH", OAUTH2: "OAUTH2" } as const;

function readBundle(file: string, passphrase: string): Bundle {
  const parsed = ZBundle.safeParse(openExport(file, passphrase));
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join(".") ?? "";
    throw new ValidationError(`The export's content is not valid (${where || "root"}): nothing was imported`, { file: "The export's content is not valid" });
  }
  for (const c of parsed.data.connections) {
    const piece = getPiece(c.pieceName);
    if (!piece || !piece.auths.some((a) => a.type === c.type)) {
      throw new ValidationError(`The export uses an app this installation does not have: “${c.pieceName}” (${c.type})`, { file: "Unknown app in the export" });
    }
    if (c.value && (c.value.type !== VALUE_TYPE[c.type] || !connectionValueSchema.safeParse(c.value).success)) {
      const msg = `The export's credentials of “${c.displayName}” do not match its kind of authentication`;
      throw new ValidationError(msg, { file: msg });
    }
  }
  return parsed.data;
}

async function existingIn(tx: Db, projectId: string): Promise<Existing> {
  const rows = await tx
    .select({ name: sql<string>`lower(${connections.displayName})`, externalId: connections.externalId })
    .from(connections)
    .where(eq(connections.projectId, projectId));
  const flowRows = await tx.select({ id: flows.id }).from(flows).where(eq(flows.projectId, projectId));
  return { names: new Set(rows.map((r) => r.name)), externalIds: new Set(rows.map((r) => r.externalId)), flowIds: new Set(flowRows.map((f) => f.id)) };
}

function connectionRow(ctx: ProjectCtx, c: BundleConnection) {
  const id = randomUUID();
  const sealed = c.value ? encryptJson(getKeyRing(), c.value, id) : null;
  const expires = c.tokenExpiresAt ? new Date(c.tokenExpiresAt) : null;
  const status = sealed ? c.status : "MISSING";
  return {
    id,
    projectId: ctx.projectId,
    externalId: c.externalId,
    displayName: c.displayName,
    pieceName: c.pieceName,
    type: c.type,
    status,
    statusReason: sealed ? c.statusReason : (c.statusReason ?? "Authentication was never completed — Reconnect"),
    value: sealed?.ciphertext ?? null,
    keyId: sealed?.keyId ?? null,
    valueHints: sealed ? c.valueHints : {},
    tokenExpiresAt: expires,
    // The new installation's scheduler refreshes imported tokens ahead of expiry like its own.
    refreshAt: c.type === "OAUTH2" && expires && status !== "MISSING" ? new Date(expires.getTime() - refreshMarginMs()) : null,
    ownerId: ctx.actor.type === "USER" ? ctx.actor.id : null,
  };
}

async function importOAuthApps(tx: Db, ctx: ProjectCtx, apps: BundleOAuthApp[]): Promise<number> {
  let added = 0;
  for (const app of apps) {
    const sealed = sealClientSecret(app.pieceName, app.clientSecret);
    const [inserted] = await tx
      .insert(oauthApps)
      .values({
        pieceName: app.pieceName,
        clientId: app.clientId,
        clientSecret: sealed.ciphertext,
        keyId: sealed.keyId,
        secretHint: maskSecret(app.clientSecret),
        updatedBy: ctx.actor.id,
      })
      .onConflictDoNothing()
      .returning({ pieceName: oauthApps.pieceName });
    if (!inserted) continue; // this installation already has its own client for the app: it wins
    await recordPlatformAudit(tx, {
      actor: ctx.actor,
      action: "oauth_app.configured",
      details: { pieceName: app.pieceName, clientId: app.clientId, replaced: false, source: "import" },
    });
    added++;
  }
  return added;
}

/**
 * Re-seals an export's connections under this installation's key ring and inserts them, their
 * flows (with the reference index) and — for a platform admin, where none is set — the OAuth-app
 * client settings, all in one transaction: a wrong passphrase, a changed byte or a conflict
 * leaves the project exactly as it was.
 */
export async function importConnections({ ctx, input }: { ctx: ProjectCtx; input: unknown }): Promise<ImportSummary> {
  if (ctx.role !== "ADMIN") throw new ForbiddenError("Only project admins can import connections");
  const data = parseOrThrow(ZImportInput, input);
  const bundle = readBundle(data.file, data.passphrase);
  const withPlatform = await actsForPlatform(ctx);

  try {
    return await ctx.db.transaction(async (tx) => {
      // Serializes imports into one project, so two cannot both pass the conflict check.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`import:${ctx.projectId}`}))`);
      const plan = planImport(bundle, await existingIn(tx, ctx.projectId), data.onConflict);
      for (const c of plan.connections) {
        const [row] = await tx.insert(connections).values(connectionRow(ctx, c)).returning();
        await recordAudit(tx, {
          projectId: ctx.projectId,
          actor: ctx.actor,
          action: "connection.created",
          connection: row!,
          details: { pieceName: row!.pieceName, type: row!.type, imported: true },
        });
      }
      for (const f of plan.flows) {
        const publishedAt = f.publishedAt ? new Date(f.publishedAt) : null;
        await tx
          .insert(flows)
          .values({ id: f.id, projectId: ctx.projectId, name: f.name, enabled: f.enabled, draft: f.draft, published: f.published, publishedAt });
        await syncFlowReferences(tx, { projectId: ctx.projectId, flowId: f.id, references: flowReferences(f.draft, f.published) });
      }
      const oauthAppsAdded = withPlatform ? await importOAuthApps(tx, ctx, bundle.oauthApps) : 0;
      const summary: ImportSummary = {
        connections: plan.connections.length,
        flows: plan.flows.length,
        oauthApps: oauthAppsAdded,
        oauthAppsKept: bundle.oauthApps.length - oauthAppsAdded,
        skipped: plan.skipped,
        renamed: plan.renamed,
      };
      await recordAudit(tx, { projectId: ctx.projectId, actor: ctx.actor, action: "connections.imported", details: { ...summary } });
      return summary;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError("The project changed while importing; nothing was imported — try again", "file");
    throw err;
  }
}
