import type { Db } from "@/server/db/types";
import { ForbiddenError, UnauthorizedError } from "@/server/errors";
import { getPlatformSettings } from "@/server/platform/settings";
import type { SessionUser } from "@/server/users/authenticate";
import type { Principal } from "./principal";

/** A person signed in to this app itself; the picker and API keys never reach account-wide doors. */
export function requireSignedIn(principal: Principal): SessionUser {
  if (principal.kind === "user") return principal.user;
  if (principal.kind === "anonymous") throw new UnauthorizedError();
  throw new ForbiddenError("Not available with this kind of access");
}

export function requirePlatformAdmin(principal: Principal): SessionUser {
  const user = requireSignedIn(principal);
  if (!user.isPlatformAdmin) throw new ForbiddenError("Only platform admins can do this");
  return user;
}

/** Project creation is a platform setting: platform admins only (the default), or everyone. */
export async function mayCreateProjects(db: Db, principal: Principal): Promise<boolean> {
  if (principal.kind !== "user") return false;
  if (principal.user.isPlatformAdmin) return true;
  return (await getPlatformSettings(db)).projectCreation === "EVERYONE";
}

export async function requireMayCreateProjects(db: Db, principal: Principal): Promise<SessionUser> {
  const user = requireSignedIn(principal);
  if (!(await mayCreateProjects(db, principal))) throw new ForbiddenError("Only platform admins can create projects here");
  return user;
}
