import type { ProjectRole } from "@/server/context";
import { ForbiddenError } from "@/server/errors";

const rank: Record<ProjectRole, number> = { VIEWER: 1, EDITOR: 2, ADMIN: 3 };

export function roleAtLeast(role: ProjectRole, min: ProjectRole): boolean {
  return rank[role] >= rank[min];
}

/** The lower of two roles: a capability caps what a member's role would otherwise allow. */
export function capRole(role: ProjectRole, cap: ProjectRole): ProjectRole {
  return rank[role] <= rank[cap] ? role : cap;
}

const defaultRefusal: Record<ProjectRole, string> = {
  ADMIN: "Only project admins can do this",
  EDITOR: "Viewers cannot change this project",
  VIEWER: "You do not have access to this project",
};

/**
 * The one role check. Doors call it through `authorizeProject`; services holding a checked
 * context call it again before a write, so a door that forgot cannot widen what a role may do.
 */
export function requireRole(ctx: { role: ProjectRole }, min: ProjectRole, message = defaultRefusal[min]): void {
  if (!roleAtLeast(ctx.role, min)) throw new ForbiddenError(message);
}
