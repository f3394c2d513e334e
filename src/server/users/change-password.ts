import { eq, sql } from "drizzle-orm";
import { recordPlatformAudit } from "@/server/audit/record";
import type { ServiceCtx } from "@/server/context";
import { hashPassword, verifyPassword } from "@/server/crypto/hash";
import { users } from "@/server/db/schema";
import { UnauthorizedError, ValidationError } from "@/server/errors";
import { resetAttempts, takeAttempt } from "@/server/throttle/attempts";
import { retryAfterText, SIGN_IN_ACCOUNT, throttleKey } from "@/server/throttle/policies";
import { lockedBy, recordLockout } from "@/server/throttle/record-lockout";
import { parseOrThrow } from "@/server/validation";
import { ZChangePasswordInput } from "@/schemas/account";
import { requireUser } from "./require-user";

/**
 * The signed-in user replaces their password. Every session of theirs ends (the version is
 * bumped); the caller re-issues the current one. The current password is checked under the
 * account's sign-in throttle, so a borrowed session cannot be used to guess it.
 */
export async function changePassword({ ctx, input, now = new Date() }: { ctx: ServiceCtx; input: unknown; now?: Date }) {
  if (ctx.actor.type !== "USER" || !ctx.actor.id) throw new UnauthorizedError();
  const data = parseOrThrow(ZChangePasswordInput, input);
  const user = await requireUser(ctx.db, ctx.actor.id);
  if (!user.passwordHash) {
    throw new ValidationError("This account signs in through single sign-on and has no password here", {
      currentPassword: "No password is set for this account",
    });
  }
  const attempt = await takeAttempt(ctx.db, throttleKey.signInAccount(user.email), SIGN_IN_ACCOUNT, now);
  if (!attempt.allowed) {
    const message = `Too many attempts, try again in ${retryAfterText(attempt.retryAfterSeconds)}`;
    throw new ValidationError(message, { currentPassword: message });
  }
  if (!(await verifyPassword(data.currentPassword, user.passwordHash))) {
    if (lockedBy(attempt))
      await recordLockout(ctx.db, attempt, "user.locked_out", { scope: "account", email: user.email, userId: user.id, via: "change_password" });
    throw new ValidationError("The current password is wrong", { currentPassword: "The current password is wrong" });
  }
  await resetAttempts(ctx.db, attempt.key);
  const passwordHash = await hashPassword(data.newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, user.id));
    await recordPlatformAudit(tx, { actor: ctx.actor, action: "user.password_changed", details: { userId: user.id, email: user.email } });
  });
  return { email: user.email };
}
