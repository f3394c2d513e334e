import { recordAudit } from "@/server/audit/record";
import { memberships, projects } from "@/server/db/schema";
import type { ServiceCtx } from "@/server/context";
import { ForbiddenError } from "@/server/errors";
import { ZCreateProjectInput } from "@/schemas/projects";
import { parseOrThrow } from "@/server/validation";

/** Creates a project with the caller as its admin; who may call it is the platform setting, checked at the door. */
export async function createProject({ ctx, input }: { ctx: ServiceCtx; input: unknown }) {
  if (ctx.actor.type !== "USER" || !ctx.actor.id) throw new ForbiddenError();
  const data = parseOrThrow(ZCreateProjectInput, input);
  const userId = ctx.actor.id;
  return ctx.db.transaction(async (tx) => {
    const [p] = await tx.insert(projects).values({ name: data.name }).returning({ id: projects.id, name: projects.name });
    await tx.insert(memberships).values({ projectId: p!.id, userId, role: "ADMIN" });
    await recordAudit(tx, { projectId: p!.id, actor: ctx.actor, action: "project.created", details: { name: p!.name, admin: ctx.actor.label } });
    return p!;
  });
}
