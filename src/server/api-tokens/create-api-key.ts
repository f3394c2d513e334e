import { requireRole } from "@/server/authz/roles";
import type { ProjectCtx } from "@/server/context";
import { hashToken, randomToken } from "@/server/crypto/hash";
import { recordAudit } from "@/server/audit/record";
import { apiTokens } from "@/server/db/schema";
import { parseOrThrow } from "@/server/validation";
import { ZCreateApiKeyInput } from "@/schemas/api-keys";
import { SHOWN_PREFIX_LENGTH, TOKEN_PREFIX, type ApiKeyDto } from "./dto";

/** Creates a project token; the returned `token` is the only time it exists in clear. */
export async function createApiKey({ ctx, input }: { ctx: ProjectCtx; input: unknown }): Promise<{ token: string; key: ApiKeyDto }> {
  // A key can read every credential of the project, so only its admins manage keys.
  requireRole(ctx, "ADMIN", "Only project admins can manage API keys");
  const data = parseOrThrow(ZCreateApiKeyInput, input);
  const token = randomToken(TOKEN_PREFIX);
  const row = await ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiTokens)
      .values({
        projectId: ctx.projectId,
        name: data.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, SHOWN_PREFIX_LENGTH),
        scopes: [...new Set(data.scopes)],
        createdBy: ctx.actor.type === "USER" ? ctx.actor.id : null,
      })
      .returning();
    await recordAudit(tx, {
      projectId: ctx.projectId,
      actor: ctx.actor,
      action: "api_key.created",
      details: { keyId: created!.id, name: created!.name, scopes: created!.scopes },
    });
    return created;
  });
  return {
    token,
    key: {
      id: row!.id,
      name: row!.name,
      prefix: row!.prefix,
      scopes: row!.scopes,
      createdAt: row!.createdAt,
      lastUsedAt: null,
      revokedAt: null,
      createdBy: ctx.actor.type === "USER" ? { name: ctx.actor.label, email: ctx.actor.label } : null,
    },
  };
}
