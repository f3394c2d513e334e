import { AdminTabs } from "@/components/admin/admin-tabs";
import { AuditIntegrity } from "@/components/admin/audit-integrity";
import { PageHeader } from "@/components/shell/page-header";

export const metadata = { title: "Audit" };

export default function AdminAuditPage() {
  return (
    <>
      <PageHeader title="Admin" description="Settings of this installation, for platform admins." />
      <AdminTabs />
      <AuditIntegrity />
    </>
  );
}
