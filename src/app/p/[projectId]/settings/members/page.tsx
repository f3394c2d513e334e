import { PageHeader } from "@/components/shell/page-header";
import { orNotFound, serverApi } from "@/trpc/server";
import { MembersTable } from "./members-table";

export const metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const api = await serverApi();
  const project = await orNotFound(api.project.get({ projectId }));
  return (
    <>
      <PageHeader title="Members" description="People in this project. Admins manage members; editors create and change connections; viewers can only read." />
      <MembersTable projectId={projectId} canManage={project.role === "ADMIN"} />
    </>
  );
}
