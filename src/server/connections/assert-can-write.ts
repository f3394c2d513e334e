import type { ProjectCtx } from "@/server/context";
import { requireRole } from "@/server/authz/roles";

export function assertCanWrite(ctx: ProjectCtx) {
  requireRole(ctx, "EDITOR", "Viewers cannot change connections");
}
