import { eq, sql } from "drizzle-orm";
import { hashPassword, verifyPassword } from "@/server/crypto/hash";
import { users, userIdentities } from "@/server/db/schema";
import { oncePerDb } from "@/server/db/prepared";
import type { Db } from "@/server/db/types";
import { ZSignInInput } from "@/schemas/auth";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  /** An admin reset the password: the app asks for a new one before anything else. */
  mustChangePassword?: boolean;
}

/** A user as sign-in sees it: the session version goes into the token, a disabled one is refused. */
export type SignInUser = SessionUser & { mustChangePassword: boolean; sessionVersion: number; disabled: boolean };

type UserRow = typeof users.$inferSelect;

function toSessionUser(u: UserRow): SessionUser & { mustChangePassword: boolean } {
  return { id: u.id, email: u.email, name: u.name, isPlatformAdmin: u.isPlatformAdmin, mustChangePassword: u.mustChangePassword };
}

function toSignInUser(u: UserRow): SignInUser {
  return { ...toSessionUser(u), sessionVersion: u.sessionVersion, disabled: u.disabledAt !== null };
}

// Verifying against a throwaway hash when the e-mail is unknown keeps the response time the same,
// so sign-in does not reveal which addresses have accounts.
let decoyHash: Promise<string> | undefined;

/** Checks a password, unthrottled: sign-in goes through signInWithPassword, which throttles. */
export async function authenticateWithPassword(db: Db, raw: unknown): Promise<SignInUser | null> {
  const parsed = ZSignInInput.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  if (!user?.passwordHash) {
    decoyHash ??= hashPassword("decoy-password-for-timing");
    await verifyPassword(password, await decoyHash);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  return toSignInUser(user);
}

/**
 * Single sign-on: the identity (issuer subject) is linked to a user on first sign-in, matched by
 * verified e-mail to an existing account or creating one without any project membership.
 */
export async function upsertOidcUser(
  db: Db,
  profile: { provider: string; subject: string; email: string; name?: string | null; emailVerified: boolean },
): Promise<SignInUser | null> {
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
      const [existing] = await tx
        .select()
        .from(users)
        .where(eq(sql`lower(${users.email})`, email))
        .limit(1);
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
    return toSignInUser(user);
  });
}

/** The current user of an id, or null when the account is gone or disabled. */
export async function getUserById(db: Db, id: string): Promise<SessionUser | null> {
  const [u] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return u && !u.disabledAt ? toSessionUser(u) : null;
}

// Read on every request from a person: built once per database handle (drizzle's prepared query).
const userQuery = oncePerDb((db) =>
  db
    .select()
    .from(users)
    .where(eq(users.id, sql.placeholder("id")))
    .limit(1)
    .prepare("session_user_by_id"),
);

/**
 * The one check every session token passes on every request: the account still exists, is not
 * disabled, and its session version is the one the token was issued with — sign-out, a password
 * change and an admin's disable bump the version, which ends every older token on every instance.
 */
export async function sessionUserFromToken(db: Db, token: { uid?: unknown; sv?: unknown }): Promise<SessionUser | null> {
  if (typeof token.uid !== "string" || !token.uid) return null;
  const version = typeof token.sv === "number" ? token.sv : 0;
  const [u] = await userQuery(db).execute({ id: token.uid });
  if (!u || u.disabledAt || u.sessionVersion !== version) return null;
  return toSessionUser(u);
}
