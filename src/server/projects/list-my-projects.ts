import { asc, eq } from "drizzle-orm";
import { memberships, projects } from "@/server/db/schema";
import type { Db } from "@/server/db/types";

export async function listMyProjects(db: Db, userId: string) {
  return db
    .select({ id: projects.id, name: projects.name, role: memberships.role })
    .from(memberships)
    .innerJoin(projects, eq(projects.id, memberships.projectId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(projects.name), asc(projects.id));
}
