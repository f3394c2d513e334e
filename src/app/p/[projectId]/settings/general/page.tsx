import { ProjectSettingsForm } from "@/components/projects/project-settings-form";
import { PageHeader } from "@/components/shell/page-header";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata = { title: "General" };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const project = await orNotFound((await serverApi()).project.get({ projectId }));
  return (
    <>
      <PageHeader title="General" description="The project's name, and deleting the project." />
      <ProjectSettingsForm projectId={projectId} name={project.name} canManage={project.role === "ADMIN"} />
    </>
  );
}
