import { AdminTabs } from "@/components/admin/admin-tabs";
import { PageHeader } from "@/components/shell/page-header";
import { UsersAdmin } from "./users-admin";

export const metadata = { title: "Users" };

export default function AdminUsersPage() {
  return (
    <>
      <PageHeader title="Admin" description="Settings of this installation, for platform admins." />
      <AdminTabs />
      <UsersAdmin />
    </>
  );
}
