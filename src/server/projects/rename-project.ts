import { eq } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record";
import type { ProjectCtx } from "@/server/context";
import { requireRole } from "@/server/authz/roles";
import { projects } from "@/server/db/schema";
import { NotFoundError } from "@/server/errors";
import { ZRenameProjectInput } from "@/schemas/projects";
import { parseOrThrow } from "@/server/validation";

export async function renameProject({ ctx, input }: { ctx: ProjectCtx; input: unknown }) {
  requireRole(ctx, "ADMIN", "Only project admins can rename the project");
  const data = parseOrThrow(ZRenameProjectInput, { ...(input as object), projectId: ctx.projectId });
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select({ name: projects.name }).from(projects).where(eq(projects.id, ctx.projectId)).for("update");
    if (!current) throw new NotFoundError("Project");
    if (current.name !== data.name) {
      await tx.update(projects).set({ name: data.name }).where(eq(projects.id, ctx.projectId));
      await recordAudit(tx, { projectId: ctx.projectId, actor: ctx.actor, action: "project.renamed", details: { from: current.name, to: data.name } });
    }
    return { id: ctx.projectId, name: data.name };
  });
}
