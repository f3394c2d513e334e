import { FolderX } from "lucide-react";
import { AppShell } from "@/components/shell/app-shell";
import { ComingSoon } from "@/components/shell/page-header";
import { mayCreateProjects } from "@/server/authz/platform";
import { userPrincipal } from "@/server/authz/principal";
import { loadShell } from "@/server/navigation/load-shell";

export const dynamic = "force-dynamic";

export default async function NoProjectPage() {
  const { db, user, projects } = await loadShell("/no-project");
  const mayCreate = await mayCreateProjects(db, userPrincipal(user));
  return (
    <AppShell projectId={null} projects={projects} user={user}>
      <ComingSoon icon={<FolderX className="size-8" aria-hidden />} title="You are not a member of any project yet">
        Ask a project admin to add you by your e-mail ({user.email}){mayCreate ? ", or create a project from the project menu." : "."}
      </ComingSoon>
    </AppShell>
  );
}
