import { ApiKeysManager } from "@/components/api-keys/api-keys-manager";
import { PageHeader } from "@/components/shell/page-header";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const api = await serverApi();
  const project = await orNotFound(api.project.get({ projectId }));
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let the flow engine resolve <code className="font-mono">{"{{connections['…']}}"}</code> references, and the workflow editor save flows and open
            the connection picker, for this project only. A key is shown once and stored hashed. The API is described at{" "}
            <a className="underline underline-offset-4" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>
            .
          </>
        }
      />
      {project.role === "ADMIN" ? (
        <ApiKeysManager projectId={projectId} />
      ) : (
        <p className="rounded-lg border border-dashed p-6 text-sm text-muted-foreground">
          Only project admins can see and manage API keys: a key can read every credential of the project.
        </p>
      )}
    </>
  );
}
