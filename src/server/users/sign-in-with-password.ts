import { eq, sql } from "drizzle-orm";
import { users } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { releaseAttempt, resetAttempts, retryAfterSecondsOf, takeAttempt } from "@/server/throttle/attempts";
import { SIGN_IN_ACCOUNT, SIGN_IN_ADDRESS, throttleKey } from "@/server/throttle/policies";
import { lockedBy, recordLockout } from "@/server/throttle/record-lockout";
import { ZSignInInput } from "@/schemas/auth";
import { authenticateWithPassword, type SignInUser } from "./authenticate";

export type SignInResult =
  { ok: true; user: SignInUser } | { ok: false; reason: "invalid" | "disabled" } | { ok: false; reason: "locked"; retryAfterSeconds: number };

/**
 * Password sign-in, throttled per account and per client address through the database. While a
 * key is locked the password is not even checked, so the right one does not work until it ends.
 */
export async function signInWithPassword({
  ctx,
  input,
}: {
  ctx: { db: Db; now?: Date };
  input: { email: unknown; password: unknown; address: string };
}): Promise<SignInResult> {
  const parsed = ZSignInInput.safeParse({ email: input.email, password: input.password });
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { db } = ctx;
  const { email } = parsed.data;
  const now = ctx.now ?? new Date();
  const account = await takeAttempt(db, throttleKey.signInAccount(email), SIGN_IN_ACCOUNT, now);
  if (!account.allowed) return { ok: false, reason: "locked", retryAfterSeconds: account.retryAfterSeconds };
  const address = await takeAttempt(db, throttleKey.signInAddress(input.address), SIGN_IN_ADDRESS, now);
  if (!address.allowed) {
    await releaseAttempt(db, account);
    return { ok: false, reason: "locked", retryAfterSeconds: address.retryAfterSeconds };
  }

  const user = await authenticateWithPassword(db, parsed.data);
  if (user) {
    await releaseAttempt(db, address);
    if (user.disabled) {
      await releaseAttempt(db, account);
      return { ok: false, reason: "disabled" };
    }
    await resetAttempts(db, account.key);
    return { ok: true, user };
  }

  let lockedUntil = 0;
  if (lockedBy(account)) {
    const [known] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email))
      .limit(1);
    await recordLockout(db, account, "user.locked_out", { scope: "account", email, userId: known?.id ?? null, address: input.address });
    lockedUntil = account.lockSetUntil.getTime();
  }
  if (lockedBy(address)) {
    await recordLockout(db, address, "user.locked_out", { scope: "address", address: input.address });
    lockedUntil = Math.max(lockedUntil, address.lockSetUntil.getTime());
  }
  if (!lockedUntil) return { ok: false, reason: "invalid" };
  return { ok: false, reason: "locked", retryAfterSeconds: retryAfterSecondsOf(new Date(lockedUntil), now) };
}
