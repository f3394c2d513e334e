import { asc, sql } from "drizzle-orm";
import type { ServiceCtx } from "@/server/context";
import { projects } from "@/server/db/schema";

/** Every project of the installation with its size: for operators (the admin CLI), not members. */
export async function listAllProjects({ ctx }: { ctx: ServiceCtx }) {
  return ctx.db
    .select({
      id: projects.id,
      name: projects.name,
      createdAt: projects.createdAt,
      members: sql<number>`(select count(*)::int from memberships m where m.project_id = "projects"."id")`,
      admins: sql<
        string | null
      >`(select string_agg(u.email, ', ' order by u.email) from memberships m join users u on u.id = m.user_id where m.project_id = "projects"."id" and m.role = 'ADMIN')`,
      connections: sql<number>`(select count(*)::int from connections c where c.project_id = "projects"."id")`,
    })
    .from(projects)
    .orderBy(asc(projects.name), asc(projects.id));
}
