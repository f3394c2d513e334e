import { ConnectionsTableSkeleton } from "@/components/connections/connections-table-skeleton";
import { PageHeader } from "@/components/shell/page-header";

/** Shown while the page's server part renders (after a navigation), instead of the previous page or a blank. */
export default function ConnectionsLoading() {
  return (
    <>
      <PageHeader title="Connections" description="Saved, encrypted authorizations to the apps your flows use." />
      <ConnectionsTableSkeleton />
    </>
  );
}
