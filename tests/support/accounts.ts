import { eq } from "drizzle-orm";
import { hashPassword } from "@/server/crypto/hash";
import { users } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { createUser } from "./factories";

/** A user with a password set, for sign-in tests. */
export async function userWithPassword(db: Db, password: string, opts: { admin?: boolean } = {}) {
  const user = await createUser(db, { admin: opts.admin });
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, user.id));
  return user;
}

export const later = (from: Date, ms: number) => new Date(from.getTime() + ms);
