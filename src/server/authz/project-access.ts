import type { ProjectCtx, ProjectRole } from "@/server/context";
import type { Db } from "@/server/db/types";
import { NotFoundError, UnauthorizedError } from "@/server/errors";
import { findMemberRole } from "@/server/projects/member-role";
import { ZProjectId } from "@/schemas/projects";
import { PICKER_MAX_ROLE } from "./picker";
import { actorOf, type Principal } from "./principal";
import { capRole, requireRole } from "./roles";

/**
 * The one project check, for every door. A non-member (or a picker of another project) gets "not
 * found", exactly as for a project that does not exist; a role too low gets "forbidden". A picker
 * acts with its member's role capped at editor. An API key reaches its own project as an editor.
 */
export async function authorizeProject(db: Db, principal: Principal, projectId: string, minRole: ProjectRole): Promise<ProjectCtx> {
  const ctx = await projectCtxOf(db, principal, projectId);
  requireRole(ctx, minRole);
  return ctx;
}

async function projectCtxOf(db: Db, principal: Principal, projectId: string): Promise<ProjectCtx> {
  const actor = actorOf(principal);
  // A malformed id (a path's "%00") is a project that does not exist, not a database error.
  if (principal.kind !== "anonymous" && !ZProjectId.safeParse(projectId).success) throw new NotFoundError("Project");
  switch (principal.kind) {
    case "anonymous":
      throw new UnauthorizedError();
    case "apiKey":
      if (principal.key.projectId !== projectId) throw new NotFoundError("Project");
      return { db, actor, projectId, role: "EDITOR" };
    case "picker": {
      if (principal.projectId !== projectId) throw new NotFoundError("Project");
      const role = await findMemberRole(db, projectId, principal.user.id);
      if (!role) throw new NotFoundError("Project");
      return { db, actor, projectId, role: capRole(role, PICKER_MAX_ROLE) };
    }
    case "user": {
      const role = await findMemberRole(db, projectId, principal.user.id);
      if (!role) throw new NotFoundError("Project");
      return { db, actor, projectId, role };
    }
  }
}
