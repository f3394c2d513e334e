import { eq } from "drizzle-orm";
import { ZSetOAuthAppInput } from "@/schemas/oauth";
import { recordPlatformAudit } from "@/server/audit/record";
import type { ServiceCtx } from "@/server/context";
import { maskSecret } from "@/lib/mask";
import { oauthApps } from "@/server/db/schema";
import { ValidationError } from "@/server/errors";
import { log } from "@/server/log";
import { parseOrThrow } from "@/server/validation";
import { sealClientSecret } from "./configured-clients";
import { oauthCapablePieces } from "./list-oauth-apps";

/**
 * Sets or replaces the admin's OAuth app for one app. Connections keep refreshing when only the
 * secret changes; a new Client ID needs each connection to be reconnected (their tokens belong to
 * the old client).
 */
export async function setOAuthApp({ ctx, input }: { ctx: ServiceCtx; input: unknown }) {
  const data = parseOrThrow(ZSetOAuthAppInput, input);
  const target = oauthCapablePieces().find(({ piece }) => piece.name === data.pieceName);
  if (!target) throw new ValidationError("This app does not use a server-side OAuth app", { pieceName: "Choose an OAuth2 app" });
  const sealed = sealClientSecret(data.pieceName, data.clientSecret);
  const values = {
    clientId: data.clientId,
    clientSecret: sealed.ciphertext,
    keyId: sealed.keyId,
    secretHint: maskSecret(data.clientSecret),
    updatedBy: ctx.actor.id,
    updatedAt: new Date(),
  };
  await ctx.db.transaction(async (tx) => {
    const [previous] = await tx.select({ clientId: oauthApps.clientId }).from(oauthApps).where(eq(oauthApps.pieceName, data.pieceName)).limit(1).for("update");
    await tx
      .insert(oauthApps)
      .values({ pieceName: data.pieceName, ...values })
      .onConflictDoUpdate({ target: oauthApps.pieceName, set: values });
    await recordPlatformAudit(tx, {
      actor: ctx.actor,
      action: "oauth_app.configured",
      details: {
        pieceName: data.pieceName,
        appName: target.piece.displayName,
        clientId: data.clientId,
        replaced: Boolean(previous),
        clientIdChanged: previous ? previous.clientId !== data.clientId : null,
      },
    });
  });
  log.info("oauth app configured", { pieceName: data.pieceName, by: ctx.actor.label });
  return { pieceName: data.pieceName, clientId: data.clientId, secretHint: values.secretHint };
}
