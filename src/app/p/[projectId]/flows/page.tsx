import { Suspense } from "react";
import { FlowsBrowser } from "@/components/flows/flows-browser";
import { PageHeader } from "@/components/shell/page-header";

export const metadata = { title: "Flows" };

export default async function FlowsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    <>
      <PageHeader title="Flows" description="The workflows of this project and the connections each one uses." />
      <Suspense>
        <FlowsBrowser projectId={projectId} />
      </Suspense>
    </>
  );
}
