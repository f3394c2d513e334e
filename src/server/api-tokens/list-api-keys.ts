import { desc, eq, sql } from "drizzle-orm";
import type { ProjectCtx } from "@/server/context";
import { apiTokens, users } from "@/server/db/schema";
import type { ApiKeyDto } from "./dto";

/** The project's keys, active ones first, newest first. */
export async function listApiKeys({ ctx }: { ctx: ProjectCtx }): Promise<ApiKeyDto[]> {
  const rows = await ctx.db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      creatorName: users.name,
      creatorEmail: users.email,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.projectId, ctx.projectId))
    .orderBy(sql`${apiTokens.revokedAt} is not null`, desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(500);
  return rows.map(({ creatorName, creatorEmail, ...r }) => ({
    ...r,
    createdBy: creatorEmail ? { name: creatorName ?? creatorEmail, email: creatorEmail } : null,
  }));
}
