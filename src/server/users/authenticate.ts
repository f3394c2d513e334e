import { eq, sql } from "drizzle-orm";
import { hashPassword, verifyPassword } from "@/server/crypto/hash";
import { users, userIdentities } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { ZSignInInput } from "@/schemas/auth";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
}

// Verifying against a throwaway hash when the e-mail is unknown keeps the response time the same,
// so sign-in does not reveal which addresses have accounts.
let decoyHash: Promise<string> | undefined;

export async function authenticateWithPassword(db: Db, raw: unknown): Promise<SessionUser | null> {
  const parsed = ZSignInInput.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email)).limit(1);
  if (!user?.passwordHash) {
    decoyHash ??= hashPassword("decoy-password-for-timing");
    await verifyPassword(password, await decoyHash);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name, isPlatformAdmin: user.isPlatformAdmin };
}

/**
 * Single sign-on: the identity (issuer subject) is linked to a user on first sign-in, matched by
 * verified e-mail to an existing account or creating one without any project membership.
 */
export async function upsertOidcUser(
  db: Db,
  profile: { provider: string; subject: string; email: string; name?: string | null; emailVerified: boolean },
): Promise<SessionUser | null> {
  return db.transaction(async (tx) => {
    const [linked] = await tx
      .select({ user: users })
      .from(userIdentities)
      .innerJoin(users, eq(users.id, userIdentities.userId))
      .where(sql`${userIdentities.provider} = ${profile.provider} and ${userIdentities.subject} = ${profile.subject}`)
      .limit(1);
    let user = linked?.user;
    if (!user) {
      const email = profile.email.trim().toLowerCase();
      if (!email) return null;
      const [existing] = await tx.select().from(users).where(eq(sql`lower(${users.email})`, email)).limit(1);
      // Linking to an existing password account requires the issuer to vouch for the address.
      if (existing && !profile.emailVerified) return null;
      let target = existing;
      if (!target) {
        const inserted = await tx
          .insert(users)
          .values({ email, name: profile.name?.trim() || email.split("@")[0] || email })
          .returning();
        target = inserted[0];
      }
      if (!target) return null;
      await tx.insert(userIdentities).values({ provider: profile.provider, subject: profile.subject, userId: target.id });
      user = target;
    }
    return { id: user.id, email: user.email, name: user.name, isPlatformAdmin: user.isPlatformAdmin };
  });
}

export async function getUserById(db: Db, id: string): Promise<SessionUser | null> {
  const [u] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return u ? { id: u.id, email: u.email, name: u.name, isPlatformAdmin: u.isPlatformAdmin } : null;
}
