import { asc, sql } from "drizzle-orm";
import { recordPlatformAudit } from "@/server/audit/record";
import type { ServiceCtx } from "@/server/context";
import { hashPassword } from "@/server/crypto/hash";
import { users } from "@/server/db/schema";
import { ConflictError, isUniqueViolation } from "@/server/errors";
import { ZCreateUserInput } from "@/schemas/admin";
import { parseOrThrow } from "@/server/validation";

/** Platform admins create accounts with an initial password; project admins then add them to projects. */
export async function createUserAccount({ ctx, input }: { ctx: ServiceCtx; input: unknown }) {
  const data = parseOrThrow(ZCreateUserInput, input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [u] = await tx
        .insert(users)
        .values({ email: data.email, name: data.name, passwordHash, isPlatformAdmin: data.isPlatformAdmin })
        .returning({ id: users.id, email: users.email, name: users.name, isPlatformAdmin: users.isPlatformAdmin });
      await recordPlatformAudit(tx, {
        actor: ctx.actor,
        action: "user.created",
        details: { userId: u!.id, email: u!.email, name: u!.name, platformAdmin: u!.isPlatformAdmin },
      });
      return u!;
    });
  } catch (err) {
    if (isUniqueViolation(err, "users_email_lower_uq")) throw new ConflictError(`An account already uses ${data.email}`, "email");
    throw err;
  }
}

export async function listUserAccounts({ ctx }: { ctx: ServiceCtx }) {
  return ctx.db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      isPlatformAdmin: users.isPlatformAdmin,
      disabledAt: users.disabledAt,
      mustChangePassword: users.mustChangePassword,
      createdAt: users.createdAt,
      projects: sql<number>`(select count(*)::int from memberships m where m.user_id = ${users.id})`,
    })
    .from(users)
    .orderBy(asc(users.email));
}
