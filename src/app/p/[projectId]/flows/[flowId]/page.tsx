import { ArrowLeft, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FlowSteps } from "@/components/flows/flow-steps";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { FLOW_ID_PATTERN } from "@/schemas/flows";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata = { title: "Flow" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export default async function FlowPage({ params }: { params: Promise<{ projectId: string; flowId: string }> }) {
  const { projectId, flowId } = await params;
  if (!FLOW_ID_PATTERN.test(flowId)) notFound();
  const api = await serverApi();
  const flow = await orNotFound(api.flow.get({ projectId, flowId }));

  return (
    <>
      <Link href={`/p/${projectId}/flows`} className="mb-4 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> All flows
      </Link>
      <PageHeader
        title={flow.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge variant={flow.enabled ? "success" : "outline"}>{flow.enabled ? "Enabled" : "Disabled"}</Badge>
            {flow.publishedAt ? `Published ${dateFormat.format(flow.publishedAt)}` : "Never published"} · updated {dateFormat.format(flow.updatedAt)}
          </span>
        }
      />
      {flow.problems > 0 && (
        <p role="alert" className="mb-4 flex items-center gap-2 rounded-md border border-destructive/40 bg-destructive/5 p-3 text-sm text-destructive">
          <TriangleAlert className="size-4 shrink-0" aria-hidden />
          {flow.problems} step connection{flow.problems === 1 ? " needs" : "s need"} attention: the flow will fail at{" "}
          {flow.problems === 1 ? "that step" : "those steps"}.
        </p>
      )}
      <Tabs defaultValue={flow.published ? "published" : "draft"}>
        <TabsList>
          <TabsTrigger value="published" disabled={!flow.published}>
            Published
          </TabsTrigger>
          <TabsTrigger value="draft">Draft</TabsTrigger>
        </TabsList>
        <TabsContent value="published" className="mt-4">
          {flow.published && <FlowSteps projectId={projectId} steps={flow.published} label="Published steps" />}
        </TabsContent>
        <TabsContent value="draft" className="mt-4">
          <FlowSteps projectId={projectId} steps={flow.draft} label="Draft steps" />
        </TabsContent>
      </Tabs>
    </>
  );
}
