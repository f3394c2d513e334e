import { AdminTabs } from "@/components/admin/admin-tabs";
import { OAuthAppsAdmin } from "@/components/admin/oauth-apps-admin";
import { PageHeader } from "@/components/shell/page-header";

export const metadata = { title: "OAuth apps" };

export default function OAuthAppsPage() {
  return (
    <>
      <PageHeader title="Admin" description="Settings of this installation, for platform admins." />
      <AdminTabs />
      <OAuthAppsAdmin />
    </>
  );
}
