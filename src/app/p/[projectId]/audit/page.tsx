import { Suspense } from "react";
import { AuditLogView } from "@/components/audit/audit-log-view";
import { PageHeader } from "@/components/shell/page-header";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what to which connection, and when: every change, check, refresh and use. Secrets never appear here."
      />
      <Suspense>
        <AuditLogView projectId={projectId} />
      </Suspense>
    </>
  );
}
