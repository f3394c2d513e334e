import { roleAtLeast, type ProjectCtx } from "@/server/context";
import { ForbiddenError } from "@/server/errors";

export function assertCanWriteFlows(ctx: ProjectCtx) {
  if (!roleAtLeast(ctx.role, "EDITOR")) throw new ForbiddenError("Viewers cannot change flows");
}
