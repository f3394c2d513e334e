import { eq } from "drizzle-orm";
import { getPiece } from "@/pieces";
import { ZOAuthPieceInput } from "@/schemas/oauth";
import { recordPlatformAudit } from "@/server/audit/record";
import type { ServiceCtx } from "@/server/context";
import { oauthApps } from "@/server/db/schema";
import { NotFoundError } from "@/server/errors";
import { log } from "@/server/log";
import { parseOrThrow } from "@/server/validation";
import { defaultClient } from "./configured-clients";

/** Removes the admin's OAuth app; the server's default app (if any) applies again. */
export async function removeOAuthApp({ ctx, input }: { ctx: ServiceCtx; input: unknown }) {
  const { pieceName } = parseOrThrow(ZOAuthPieceInput, input);
  await ctx.db.transaction(async (tx) => {
    const deleted = await tx.delete(oauthApps).where(eq(oauthApps.pieceName, pieceName)).returning({ clientId: oauthApps.clientId });
    if (deleted.length === 0) throw new NotFoundError("OAuth app");
    await recordPlatformAudit(tx, {
      actor: ctx.actor,
      action: "oauth_app.removed",
      details: {
        pieceName,
        appName: getPiece(pieceName)?.displayName ?? pieceName,
        clientId: deleted[0]!.clientId,
        fallsBackToDefault: Boolean(defaultClient(pieceName)),
      },
    });
  });
  log.info("oauth app removed", { pieceName, by: ctx.actor.label });
  return { pieceName };
}
