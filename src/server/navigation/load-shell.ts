import { redirect } from "next/navigation";
import { sessionUser } from "@/server/authz/who-is-asking";
import { getDb } from "@/server/db/client";
import { listMyProjects } from "@/server/projects/list-my-projects";

/** Signed-in user and their projects for the app shell; otherwise off to sign-in. */
export async function loadShell(returnTo: string) {
  const db = await getDb();
  const user = await sessionUser(db);
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  const projects = await listMyProjects(db, user.id);
  return { db, user, projects };
}
