import { asc, eq } from "drizzle-orm";
import type { ProjectCtx } from "@/server/context";
import { memberships, users } from "@/server/db/schema";

export async function listMembers({ ctx }: { ctx: ProjectCtx }) {
  return ctx.db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.projectId, ctx.projectId))
    .orderBy(asc(users.email));
}
