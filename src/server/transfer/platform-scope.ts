import { eq } from "drizzle-orm";
import type { ServiceCtx } from "@/server/context";
import { users } from "@/server/db/schema";

/**
 * OAuth-app client settings belong to the platform, not to a project: only a platform admin (or
 * the admin CLI, acting as the system) may carry them out of or into an installation.
 */
export async function actsForPlatform(ctx: ServiceCtx): Promise<boolean> {
  if (ctx.actor.type === "SYSTEM") return true;
  if (ctx.actor.type !== "USER" || !ctx.actor.id) return false;
  const [u] = await ctx.db.select({ admin: users.isPlatformAdmin }).from(users).where(eq(users.id, ctx.actor.id)).limit(1);
  return u?.admin === true;
}
