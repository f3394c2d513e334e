import { eq } from "drizzle-orm";
import { recordPlatformAudit } from "@/server/audit/record";
import type { ServiceCtx } from "@/server/context";
import { users } from "@/server/db/schema";
import { ConflictError } from "@/server/errors";
import { parseOrThrow } from "@/server/validation";
import { ZSetPlatformAdminInput } from "@/schemas/account";
import { assertAnotherPlatformAdmin, requireUser } from "./require-user";

/** Grants or revokes platform admin rights; the installation always keeps one enabled admin. */
export async function setPlatformAdmin({ ctx, input }: { ctx: ServiceCtx; input: unknown }) {
  const data = parseOrThrow(ZSetPlatformAdminInput, input);
  if (!data.isPlatformAdmin && ctx.actor.type === "USER" && ctx.actor.id === data.userId) {
    throw new ConflictError("You cannot revoke your own platform admin rights");
  }
  return ctx.db.transaction(async (tx) => {
    const target = await requireUser(tx, data.userId, { forUpdate: true });
    if (target.isPlatformAdmin === data.isPlatformAdmin) {
      return { userId: target.id, email: target.email, isPlatformAdmin: data.isPlatformAdmin, changed: false };
    }
    if (!data.isPlatformAdmin) {
      await assertAnotherPlatformAdmin(tx, target.id, "You cannot revoke the last platform admin", (m) => new ConflictError(m));
    }
    await tx.update(users).set({ isPlatformAdmin: data.isPlatformAdmin }).where(eq(users.id, target.id));
    await recordPlatformAudit(tx, {
      actor: ctx.actor,
      action: data.isPlatformAdmin ? "user.admin_granted" : "user.admin_revoked",
      details: { userId: target.id, email: target.email },
    });
    return { userId: target.id, email: target.email, isPlatformAdmin: data.isPlatformAdmin, changed: true };
  });
}
