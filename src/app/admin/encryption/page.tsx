import { AdminTabs } from "@/components/admin/admin-tabs";
import { EncryptionAdmin } from "@/components/admin/encryption-admin";
import { PageHeader } from "@/components/shell/page-header";

export const metadata = { title: "Encryption" };

export default function EncryptionPage() {
  return (
    <>
      <PageHeader title="Admin" description="Settings of this installation, for platform admins." />
      <AdminTabs />
      <EncryptionAdmin />
    </>
  );
}
