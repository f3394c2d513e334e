import { AdminTabs } from "@/components/admin/admin-tabs";
import { PlatformSettingsAdmin } from "@/components/admin/platform-settings-admin";
import { PageHeader } from "@/components/shell/page-header";

export const metadata = { title: "Settings" };

export default function AdminSettingsPage() {
  return (
    <>
      <PageHeader title="Admin" description="Settings of this installation, for platform admins." />
      <AdminTabs />
      <PlatformSettingsAdmin />
    </>
  );
}
