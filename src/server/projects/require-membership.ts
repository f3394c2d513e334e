import { and, eq } from "drizzle-orm";
import type { Actor, ProjectCtx, ProjectRole } from "@/server/context";
import { roleAtLeast } from "@/server/context";
import { memberships } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { ForbiddenError, NotFoundError } from "@/server/errors";
import { ZProjectId } from "@/schemas/projects";

/**
 * The one project check: a non-member gets "not found" (exactly as for a project that does not
 * exist), a member whose role is too low gets "forbidden".
 */
export async function requireProjectAccess(
  db: Db,
  actor: Actor & { type: "USER"; id: string },
  projectId: string,
  minRole: ProjectRole,
): Promise<ProjectCtx> {
  // A malformed id (a path's "%00") is a project that does not exist, not a database error.
  if (!ZProjectId.safeParse(projectId).success) throw new NotFoundError("Project");
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.projectId, projectId), eq(memberships.userId, actor.id)))
    .limit(1);
  if (!m) throw new NotFoundError("Project");
  if (!roleAtLeast(m.role, minRole)) {
    throw new ForbiddenError(minRole === "ADMIN" ? "Only project admins can do this" : "Viewers cannot change this project");
  }
  return { db, actor, projectId, role: m.role };
}
