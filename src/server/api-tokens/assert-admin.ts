import { roleAtLeast, type ProjectCtx } from "@/server/context";
import { ForbiddenError } from "@/server/errors";

/** A worker token can read every credential of the project, so only its admins manage them. */
export function assertCanManageKeys(ctx: ProjectCtx) {
  if (!roleAtLeast(ctx.role, "ADMIN")) throw new ForbiddenError("Only project admins can manage API keys");
}
