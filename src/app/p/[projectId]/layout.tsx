import { notFound } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { loadShell } from "@/server/navigation/load-shell";

export const dynamic = "force-dynamic";

export default async function ProjectLayout(props: { children: React.ReactNode; params: Promise<{ projectId: string }> }) {
  const { projectId } = await props.params;
  const { user, projects } = await loadShell(`/p/${projectId}/connections`);
  // Membership decides visibility: another project's id looks exactly like one that does not exist.
  if (!projects.some((p) => p.id === projectId)) notFound();
  return (
    <AppShell projectId={projectId} projects={projects} user={user}>
      {props.children}
    </AppShell>
  );
}
