import { eq, sql } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record";
import type { ProjectCtx } from "@/server/context";
import { memberships, users } from "@/server/db/schema";
import { ConflictError, isUniqueViolation, NotFoundError } from "@/server/errors";
import { ZAddMemberInput } from "@/schemas/projects";
import { parseOrThrow } from "@/server/validation";

/** Adds an existing user, found by e-mail, to the caller's project. */
export async function addMember({ ctx, input }: { ctx: ProjectCtx; input: unknown }) {
  const data = parseOrThrow(ZAddMemberInput, input);
  const [user] = await ctx.db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(sql`lower(${users.email})`, data.email))
    .limit(1);
  if (!user) throw new NotFoundError("User", `No account uses ${data.email}: they must sign in once (or be created) first`);
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.insert(memberships).values({ projectId: ctx.projectId, userId: user.id, role: data.role });
      await recordAudit(tx, {
        projectId: ctx.projectId,
        actor: ctx.actor,
        action: "member.added",
        details: { userId: user.id, email: user.email, role: data.role },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`${user.email} is already a member`, "email");
    throw err;
  }
  return { userId: user.id, email: user.email, name: user.name, role: data.role };
}
