import { requireRole } from "@/server/authz/roles";
import type { ProjectCtx } from "@/server/context";

/** A worker token can read every credential of the project, so only its admins manage them. */
export function assertCanManageKeys(ctx: ProjectCtx) {
  requireRole(ctx, "ADMIN", "Only project admins can manage API keys");
}
