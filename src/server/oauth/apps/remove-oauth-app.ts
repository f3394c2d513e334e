import { eq } from "drizzle-orm";
import { ZOAuthPieceInput } from "@/schemas/oauth";
import type { ServiceCtx } from "@/server/context";
import { oauthApps } from "@/server/db/schema";
import { NotFoundError } from "@/server/errors";
import { log } from "@/server/log";
import { parseOrThrow } from "@/server/validation";

/** Removes the admin's OAuth app; the server's default app (if any) applies again. */
export async function removeOAuthApp({ ctx, input }: { ctx: ServiceCtx; input: unknown }) {
  const { pieceName } = parseOrThrow(ZOAuthPieceInput, input);
  const deleted = await ctx.db.delete(oauthApps).where(eq(oauthApps.pieceName, pieceName)).returning({ pieceName: oauthApps.pieceName });
  if (deleted.length === 0) throw new NotFoundError("OAuth app");
  log.info("oauth app removed", { pieceName, by: ctx.actor.label });
  return { pieceName };
}
