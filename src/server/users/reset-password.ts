import { eq, sql } from "drizzle-orm";
import { recordPlatformAudit } from "@/server/audit/record";
import type { ServiceCtx } from "@/server/context";
import { hashPassword } from "@/server/crypto/hash";
import { users } from "@/server/db/schema";
import { ConflictError } from "@/server/errors";
import { resetAttempts } from "@/server/throttle/attempts";
import { throttleKey } from "@/server/throttle/policies";
import { parseOrThrow } from "@/server/validation";
import { ZResetPasswordInput } from "@/schemas/account";
import { generateOneTimePassword } from "./one-time-password";
import { requireUser } from "./require-user";

/**
 * A platform admin (or the admin CLI) gives a user a new password: the one supplied, or a
 * generated one returned once. The user's sessions end, a sign-in lock is lifted, and the next
 * sign-in asks for a password of their own.
 */
export async function resetUserPassword({ ctx, input }: { ctx: ServiceCtx; input: unknown }) {
  const data = parseOrThrow(ZResetPasswordInput, input);
  if (ctx.actor.type === "USER" && ctx.actor.id === data.userId) {
    throw new ConflictError("Use Change password in your profile menu for your own account");
  }
  const generated = data.password ? null : generateOneTimePassword();
  const passwordHash = await hashPassword(data.password ?? generated!);
  const user = await ctx.db.transaction(async (tx) => {
    const target = await requireUser(tx, data.userId, { forUpdate: true });
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, target.id));
    await recordPlatformAudit(tx, {
      actor: ctx.actor,
      action: "user.password_reset",
      details: { userId: target.id, email: target.email, generated: generated !== null },
    });
    return target;
  });
  await resetAttempts(ctx.db, throttleKey.signInAccount(user.email));
  return { userId: user.id, email: user.email, oneTimePassword: generated };
}
