import { eq, sql } from "drizzle-orm";
import { recordPlatformAudit } from "@/server/audit/record";
import type { ServiceCtx } from "@/server/context";
import { users } from "@/server/db/schema";
import { ConflictError } from "@/server/errors";
import { parseOrThrow } from "@/server/validation";
import { ZSetUserDisabledInput } from "@/schemas/account";
import { assertAnotherPlatformAdmin, requireUser } from "./require-user";

/**
 * Disables an account (it cannot sign in, by password or single sign-on, and every session ends at
 * its next request) or enables it again. Nobody disables themselves or the last platform admin.
 */
export async function setUserDisabled({ ctx, input }: { ctx: ServiceCtx; input: unknown }) {
  const data = parseOrThrow(ZSetUserDisabledInput, input);
  if (data.disabled && ctx.actor.type === "USER" && ctx.actor.id === data.userId) {
    throw new ConflictError("You cannot disable your own account");
  }
  return ctx.db.transaction(async (tx) => {
    const target = await requireUser(tx, data.userId, { forUpdate: true });
    const unchanged = data.disabled === (target.disabledAt !== null);
    if (unchanged) return { userId: target.id, email: target.email, disabled: data.disabled, changed: false };
    if (data.disabled && target.isPlatformAdmin) {
      await assertAnotherPlatformAdmin(tx, target.id, "You cannot disable the last platform admin", (m) => new ConflictError(m));
    }
    await tx
      .update(users)
      .set(data.disabled ? { disabledAt: new Date(), sessionVersion: sql`${users.sessionVersion} + 1` } : { disabledAt: null })
      .where(eq(users.id, target.id));
    await recordPlatformAudit(tx, {
      actor: ctx.actor,
      action: data.disabled ? "user.disabled" : "user.enabled",
      details: { userId: target.id, email: target.email },
    });
    return { userId: target.id, email: target.email, disabled: data.disabled, changed: true };
  });
}
