import { eq } from "drizzle-orm";
import type { ProjectCtx } from "@/server/context";
import { projects } from "@/server/db/schema";
import { NotFoundError } from "@/server/errors";

export async function getProject({ ctx }: { ctx: ProjectCtx }) {
  const [p] = await ctx.db.select().from(projects).where(eq(projects.id, ctx.projectId)).limit(1);
  if (!p) throw new NotFoundError("Project");
  return { id: p.id, name: p.name, role: ctx.role };
}
