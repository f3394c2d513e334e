import { randomBytes } from "node:crypto";
import type { Actor, ProjectCtx, ProjectRole } from "@/server/context";
import { memberships, projects, users } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { authorizeProject } from "@/server/authz/project-access";
import { userPrincipal } from "@/server/authz/principal";

export function uniq(prefix = "t"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

export async function createUser(db: Db, opts: { email?: string; name?: string; admin?: boolean } = {}) {
  const email = opts.email ?? `${uniq("user")}@example.test`;
  const [u] = await db
    .insert(users)
    .values({ email, name: opts.name ?? email.split("@")[0]!, isPlatformAdmin: opts.admin ?? false })
    .returning();
  return u!;
}

export async function createProject(db: Db, name = uniq("project")) {
  const [p] = await db.insert(projects).values({ name }).returning();
  return p!;
}

export async function addMembership(db: Db, projectId: string, userId: string, role: ProjectRole) {
  await db.insert(memberships).values({ projectId, userId, role });
}

export function userActor(user: { id: string; email: string }): Actor & { type: "USER"; id: string } {
  return { type: "USER", id: user.id, label: user.email };
}

/** A person signed in to the app, as tRPC's context and authz see them. */
export function sessionPrincipal(user: { id: string; email: string; name: string; isPlatformAdmin: boolean }) {
  return userPrincipal({ id: user.id, email: user.email, name: user.name, isPlatformAdmin: user.isPlatformAdmin });
}

/** A project with one member of the given role, and that member's checked context. */
export async function projectWithMember(db: Db, role: ProjectRole = "ADMIN") {
  const project = await createProject(db);
  const user = await createUser(db);
  await addMembership(db, project.id, user.id, role);
  const ctx: ProjectCtx = await authorizeProject(db, sessionPrincipal(user), project.id, "VIEWER");
  return { project, user, ctx };
}
