import { asc, eq, inArray } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record";
import { openConnectionValue } from "@/server/connections/open-value";
import type { ProjectCtx } from "@/server/context";
import { DecryptionError } from "@/server/crypto/envelope";
import { connections, flows, oauthApps, projects } from "@/server/db/schema";
import { ForbiddenError } from "@/server/errors";
import { openClientSecret } from "@/server/oauth/apps/configured-clients";
import { slugify } from "@/server/connections/external-id";
import { parseOrThrow } from "@/server/validation";
import { ZExportInput } from "@/schemas/transfer";
import type { Bundle, BundleConnection } from "./bundle";
import { actsForPlatform } from "./platform-scope";
import { sealExport } from "./sealed-file";

export interface ExportResult {
  file: string;
  fileName: string;
  counts: { connections: number; flows: number; oauthApps: number; undecryptable: number };
}

function openOrNull(row: typeof connections.$inferSelect): { value: Record<string, unknown> | null; undecryptable: boolean } {
  try {
    return { value: openConnectionValue(row) as Record<string, unknown> | null, undecryptable: false };
  } catch (err) {
    if (err instanceof DecryptionError) return { value: null, undecryptable: true };
    throw err;
  }
}

/**
 * A project's connections (with their decrypted values), its flows and — for a platform admin —
 * the OAuth-app client settings those connections use, sealed into one file with a passphrase.
 */
export async function exportConnections({ ctx, input }: { ctx: ProjectCtx; input: unknown }): Promise<ExportResult> {
  if (ctx.role !== "ADMIN") throw new ForbiddenError("Only project admins can export connections");
  const { passphrase } = parseOrThrow(ZExportInput, input);
  const withPlatform = await actsForPlatform(ctx);

  const [project] = await ctx.db.select({ name: projects.name }).from(projects).where(eq(projects.id, ctx.projectId)).limit(1);
  const rows = await ctx.db.select().from(connections).where(eq(connections.projectId, ctx.projectId)).orderBy(asc(connections.createdAt), asc(connections.id));
  const flowRows = await ctx.db.select().from(flows).where(eq(flows.projectId, ctx.projectId)).orderBy(asc(flows.id));

  let undecryptable = 0;
  const exported: BundleConnection[] = rows.map((row) => {
    const opened = openOrNull(row);
    if (opened.undecryptable) undecryptable++;
    return {
      externalId: row.externalId,
      displayName: row.displayName,
      pieceName: row.pieceName,
      type: row.type,
      status: opened.undecryptable ? "MISSING" : row.status,
      statusReason: opened.undecryptable ? "The source could not decrypt these credentials — Reconnect" : row.statusReason,
      valueHints: opened.value ? row.valueHints : {},
      tokenExpiresAt: row.tokenExpiresAt?.toISOString() ?? null,
      value: opened.value,
    };
  });

  const oauthPieces = [...new Set(rows.filter((r) => r.type === "OAUTH2").map((r) => r.pieceName))];
  const apps = withPlatform && oauthPieces.length ? await ctx.db.select().from(oauthApps).where(inArray(oauthApps.pieceName, oauthPieces)) : [];
  const bundle: Bundle = {
    exportedAt: new Date().toISOString(),
    source: { projectName: project?.name ?? "" },
    connections: exported,
    flows: flowRows.map((f) => ({
      id: f.id,
      name: f.name,
      enabled: f.enabled,
      draft: f.draft,
      published: f.published,
      publishedAt: f.publishedAt?.toISOString() ?? null,
    })),
    oauthApps: apps.map((a) => ({ pieceName: a.pieceName, clientId: a.clientId, clientSecret: openClientSecret(a.pieceName, a) })),
  };
  const counts = { connections: exported.length, flows: bundle.flows.length, oauthApps: bundle.oauthApps.length, undecryptable };
  const file = sealExport(bundle, passphrase);
  await ctx.db.transaction((tx) => recordAudit(tx, { projectId: ctx.projectId, actor: ctx.actor, action: "connections.exported", details: counts }));
  const day = new Date().toISOString().slice(0, 10);
  return { file, fileName: `connections-${slugify(project?.name ?? "project")}-${day}.cmexport`, counts };
}
