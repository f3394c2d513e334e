import { and, eq } from "drizzle-orm";
import type { ProjectRole } from "@/server/context";
import { memberships } from "@/server/db/schema";
import type { Db } from "@/server/db/types";

/** The user's role in the project, or null when they are not a member (or it does not exist). */
export async function findMemberRole(db: Db, projectId: string, userId: string): Promise<ProjectRole | null> {
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.projectId, projectId), eq(memberships.userId, userId)))
    .limit(1);
  return m?.role ?? null;
}
