import { and, eq, sql } from "drizzle-orm";
import type { ProjectRole } from "@/server/context";
import { memberships } from "@/server/db/schema";
import { oncePerDb } from "@/server/db/prepared";
import type { Db } from "@/server/db/types";

// Every project-scoped call reads the caller's role: the statement is built once per database
// handle (drizzle's prepared query), not on every call.
const roleQuery = oncePerDb((db) =>
  db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.projectId, sql.placeholder("projectId")), eq(memberships.userId, sql.placeholder("userId"))))
    .limit(1)
    .prepare("member_role"),
);

/** The user's role in the project, or null when they are not a member (or it does not exist). */
export async function findMemberRole(db: Db, projectId: string, userId: string): Promise<ProjectRole | null> {
  const [m] = await roleQuery(db).execute({ projectId, userId });
  return m?.role ?? null;
}
