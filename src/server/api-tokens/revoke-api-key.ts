import { and, eq, isNull } from "drizzle-orm";
import { requireRole } from "@/server/authz/roles";
import type { ProjectCtx } from "@/server/context";
import { recordAudit } from "@/server/audit/record";
import { apiTokens } from "@/server/db/schema";
import { NotFoundError } from "@/server/errors";
import { parseOrThrow } from "@/server/validation";
import { ZApiKeyId } from "@/schemas/api-keys";

/**
 * Revokes a key of the project. Engine API instances cache a token for a few seconds at most
 * (ENGINE_TOKEN_CACHE_SECONDS), so the key stops working within that bound everywhere.
 */
export async function revokeApiKey({ ctx, input }: { ctx: ProjectCtx; input: { keyId: unknown } }) {
  // A key can read every credential of the project, so only its admins manage keys.
  requireRole(ctx, "ADMIN", "Only project admins can manage API keys");
  const keyId = parseOrThrow(ZApiKeyId, input.keyId);
  const [row] = await ctx.db
    .select({ id: apiTokens.id, name: apiTokens.name, scopes: apiTokens.scopes, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.projectId, ctx.projectId), eq(apiTokens.id, keyId)))
    .limit(1);
  if (!row) throw new NotFoundError("API key");
  if (row.revokedAt) return { id: row.id, revokedAt: row.revokedAt };
  const updated = await ctx.db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, keyId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, revokedAt: apiTokens.revokedAt });
    if (revoked) {
      await recordAudit(tx, {
        projectId: ctx.projectId,
        actor: ctx.actor,
        action: "api_key.revoked",
        details: { keyId: row.id, name: row.name, scopes: row.scopes },
      });
    }
    return revoked;
  });
  return { id: keyId, revokedAt: updated?.revokedAt ?? new Date() };
}
