import { PageHeader } from "@/components/shell/page-header";
import { ExportForm } from "@/components/transfer/export-form";
import { ImportForm } from "@/components/transfer/import-form";
import { loadShell } from "@/server/navigation/load-shell";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata = { title: "Export / Import" };

export default async function TransferPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const api = await serverApi();
  const project = await orNotFound(api.project.get({ projectId }));
  // OAuth-app client settings are the platform's: only a platform admin's export carries them.
  const { user } = await loadShell(`/p/${projectId}/settings/transfer`);
  return (
    <>
      <PageHeader title="Export / Import" description="Move this project's connections and flows to another installation, or bring them in from one." />
      {project.role === "ADMIN" ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <ExportForm projectId={projectId} includesOAuthApps={user.isPlatformAdmin} />
          <ImportForm projectId={projectId} />
        </div>
      ) : (
        <p className="rounded-lg border border-dashed p-6 text-sm text-muted-foreground">
          Only project admins can export or import: an export holds every credential of the project.
        </p>
      )}
    </>
  );
}
