import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableRow } from "@/components/ui/table";

// Plain markup, not a client module: the loading screen and the page's Suspense fallback render
// it on the server, and it adds nothing to the page's JavaScript.

export const SKELETON_ROWS = 6;

export function ConnectionsTableSkeleton() {
  return (
    <div className="rounded-lg border" role="status" aria-label="Loading connections">
      <Table aria-hidden>
        <TableBody>
          {Array.from({ length: SKELETON_ROWS }, (_, i) => (
            <SkeletonRow key={i} canEdit={false} />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

export function SkeletonRow({ canEdit }: { canEdit: boolean }) {
  return (
    <TableRow className="hover:bg-transparent">
      {canEdit && (
        <TableCell>
          <Skeleton className="size-4" />
        </TableCell>
      )}
      <TableCell>
        <div className="flex items-center gap-3">
          <Skeleton className="size-7" />
          <div className="grid gap-1.5">
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-3 w-28" />
          </div>
        </div>
      </TableCell>
      {[20, 16, 20, 16, 6].map((w, i) => (
        <TableCell key={i}>
          <Skeleton className="h-4" style={{ width: `${w * 4}px` }} />
        </TableCell>
      ))}
      {canEdit && (
        <TableCell>
          <Skeleton className="ml-auto h-6 w-24" />
        </TableCell>
      )}
    </TableRow>
  );
}
