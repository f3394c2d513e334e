import { requireRole } from "@/server/authz/roles";
import type { ProjectCtx } from "@/server/context";

export function assertCanWriteFlows(ctx: ProjectCtx) {
  requireRole(ctx, "EDITOR", "Viewers cannot change flows");
}
