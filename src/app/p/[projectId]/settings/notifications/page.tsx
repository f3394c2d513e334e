import { NotificationSettingsForm } from "@/components/notifications/notification-settings-form";
import { PageHeader } from "@/components/shell/page-header";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata = { title: "Notifications" };

export default async function NotificationsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const project = await orNotFound((await serverApi()).project.get({ projectId }));
  return (
    <>
      <PageHeader title="Notifications" description="Hear about a connection that breaks before a flow fails: when one moves to Error, and when it recovers." />
      <NotificationSettingsForm projectId={projectId} canManage={project.role === "ADMIN"} />
    </>
  );
}
