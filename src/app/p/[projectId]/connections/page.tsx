import { Suspense } from "react";
import { ConnectionsTableSkeleton } from "@/components/connections/connections-table-skeleton";
import { ConnectionsView } from "@/components/connections/connections-view";
import { PageHeader } from "@/components/shell/page-header";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata = { title: "Connections" };

export default async function ConnectionsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const project = await orNotFound((await serverApi()).project.get({ projectId }));
  return (
    <>
      <PageHeader
        title="Connections"
        description="Saved, encrypted authorizations to the apps your flows use. Create one once and reuse it in every flow of this project."
      />
      {/* useSearchParams needs a Suspense boundary; the view renders its own loading rows. */}
      <Suspense fallback={<ConnectionsTableSkeleton />}>
        <ConnectionsView projectId={projectId} canEdit={project.role !== "VIEWER"} />
      </Suspense>
    </>
  );
}
