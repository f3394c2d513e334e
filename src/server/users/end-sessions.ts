import { eq, sql } from "drizzle-orm";
import { users } from "@/server/db/schema";
import type { Db } from "@/server/db/types";

/** Sign-out: every token issued so far for this user stops working, on every instance. */
export async function endUserSessions({ ctx, input }: { ctx: { db: Db }; input: { userId: string } }): Promise<void> {
  await ctx.db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, input.userId));
}
