import { redirect } from "next/navigation";
import { auth } from "@/server/auth";
import { getDb } from "@/server/db/client";
import { listMyProjects } from "@/server/projects/list-my-projects";
import { getUserById } from "@/server/users/authenticate";

/** Signed-in user and their projects for the app shell; otherwise off to sign-in. */
export async function loadShell(returnTo: string) {
  const db = await getDb();
  const session = await auth();
  const user = session?.user?.id ? await getUserById(db, session.user.id) : null;
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  const projects = await listMyProjects(db, user.id);
  return { db, user, projects };
}
