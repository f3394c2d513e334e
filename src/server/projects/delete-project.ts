import { eq, sql } from "drizzle-orm";
import { recordPlatformAudit } from "@/server/audit/record";
import type { ProjectCtx } from "@/server/context";
import { requireRole } from "@/server/authz/roles";
import { auditChainHeads, projects } from "@/server/db/schema";
import { NotFoundError, ValidationError } from "@/server/errors";
import { ZDeleteProjectInput } from "@/schemas/projects";
import { parseOrThrow } from "@/server/validation";

/**
 * Deletes a project and everything in it (connections, flows, members, keys, settings: their
 * foreign keys cascade). Its audit trail stays, still verifiable, and the deletion is a platform
 * event carrying the trail's last hash, since the project's own chain ends with the project.
 */
export async function deleteProject({ ctx, input }: { ctx: ProjectCtx; input: unknown }) {
  requireRole(ctx, "ADMIN", "Only project admins can delete the project");
  const data = parseOrThrow(ZDeleteProjectInput, { ...(input as object), projectId: ctx.projectId });
  return ctx.db.transaction(async (tx) => {
    const [project] = await tx.select({ name: projects.name }).from(projects).where(eq(projects.id, ctx.projectId)).for("update");
    if (!project) throw new NotFoundError("Project");
    if (data.confirmName !== project.name)
      throw new ValidationError("Type the project's name to confirm", { confirmName: "Does not match the project's name" });
    const count = (table: string) => sql<number>`(select count(*)::int from ${sql.identifier(table)} where project_id = ${ctx.projectId})`;
    const [totals] = await tx
      .select({ connections: count("connections"), members: count("memberships"), flows: count("flows") })
      .from(projects)
      .where(eq(projects.id, ctx.projectId));
    const [head] = await tx
      .select({ seq: auditChainHeads.seq, hash: auditChainHeads.hash })
      .from(auditChainHeads)
      .where(eq(auditChainHeads.chainKey, ctx.projectId));
    await tx.delete(projects).where(eq(projects.id, ctx.projectId));
    await recordPlatformAudit(tx, {
      actor: ctx.actor,
      action: "project.deleted",
      details: { projectId: ctx.projectId, name: project.name, ...totals, auditHead: head ?? null },
    });
    return { id: ctx.projectId, name: project.name };
  });
}
