import { cookies } from "next/headers";
import { sessionUser } from "@/server/authz/who-is-asking";
import { getDb } from "@/server/db/client";
import { listMyProjects } from "@/server/projects/list-my-projects";
import { isSetupComplete } from "@/server/setup/get-setup-state";

export const CURRENT_PROJECT_COOKIE = "cm-project";

/** Where a visitor lands: setup, sign-in, or a section of their current project. */
export async function resolveHome(section: string): Promise<string> {
  const db = await getDb();
  if (!(await isSetupComplete(db))) return "/setup";
  const user = await sessionUser(db);
  if (!user) return `/sign-in?callbackUrl=${encodeURIComponent(`/${section}`)}`;
  const projects = await listMyProjects(db, user.id);
  if (projects.length === 0) return "/no-project";
  const preferred = (await cookies()).get(CURRENT_PROJECT_COOKIE)?.value;
  const current = projects.find((p) => p.id === preferred) ?? projects[0]!;
  return `/p/${current.id}/${section}`;
}
