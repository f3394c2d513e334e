import { eq, sql } from "drizzle-orm";
import { users } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { NotFoundError } from "@/server/errors";

export type UserRow = typeof users.$inferSelect;

/** The account of an id, or "not found"; `forUpdate` locks the row for the caller's transaction. */
export async function requireUser(db: Db, userId: string, opts: { forUpdate?: boolean } = {}): Promise<UserRow> {
  const query = db.select().from(users).where(eq(users.id, userId)).limit(1);
  const [u] = opts.forUpdate ? await query.for("update") : await query;
  if (!u) throw new NotFoundError("User");
  return u;
}

/** The account of an e-mail (any case), or "not found": the admin CLI names users by e-mail. */
export async function requireUserByEmail(db: Db, email: string): Promise<UserRow> {
  const [u] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  if (!u) throw new NotFoundError("User", `No account uses ${email.trim()}`);
  return u;
}

/**
 * Refuses a change that would leave no enabled platform admin. The admins' rows are locked first,
 * so two admins demoting each other at once cannot both pass.
 */
export async function assertAnotherPlatformAdmin(tx: Db, userId: string, message: string, conflict: (m: string) => Error) {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(sql`${users.isPlatformAdmin} and ${users.disabledAt} is null`)
    .for("update");
  if (!admins.some((a) => a.id !== userId)) throw conflict(message);
}
