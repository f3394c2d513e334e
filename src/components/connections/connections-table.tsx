"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { ConnectionRow, type RowActions } from "./connection-row";
import { SortableHead } from "./sortable-head";
import { stickyColumns } from "./sticky-columns";
import type { ConnectionDto } from "./types";
import type { ConnectionSort, SortDir } from "./use-connections-url-state";

interface ConnectionsTableProps extends RowActions {
  projectId: string;
  items: ConnectionDto[] | undefined;
  canEdit: boolean;
  sort: ConnectionSort;
  dir: SortDir;
  onSort: (column: ConnectionSort) => void;
  selected: ReadonlySet<string>;
  onSelectedChange: (ids: Set<string>) => void;
}

const SKELETON_ROWS = 6;

export function ConnectionsTable(props: ConnectionsTableProps) {
  const { items, canEdit, selected, onSelectedChange } = props;
  const pageIds = items?.map((c) => c.id) ?? [];
  const selectedOnPage = pageIds.filter((id) => selected.has(id)).length;
  const allState = selectedOnPage === 0 ? false : selectedOnPage === pageIds.length ? true : "indeterminate";

  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelectedChange(next);
  };

  return (
    <div className="rounded-lg border">
      <Table aria-label="Connections" aria-busy={items === undefined}>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            {canEdit && (
              <TableHead className={cn("w-10", stickyColumns.select)}>
                <Checkbox
                  aria-label="Select all"
                  checked={allState}
                  disabled={pageIds.length === 0}
                  onCheckedChange={(checked) => onSelectedChange(checked === true ? new Set(pageIds) : new Set())}
                />
              </TableHead>
            )}
            <SortableHead column="name" label="Name" sort={props.sort} dir={props.dir} onSort={props.onSort} className={stickyColumns.name(canEdit)} />
            <TableHead className={stickyColumns.status(canEdit)}>Status</TableHead>
            <TableHead>App</TableHead>
            <SortableHead column="createdAt" label="Connected At" sort={props.sort} dir={props.dir} onSort={props.onSort} />
            <SortableHead column="lastUsedAt" label="Last Used" sort={props.sort} dir={props.dir} onSort={props.onSort} />
            <TableHead className="text-right">Flows</TableHead>
            {canEdit && (
              <TableHead className={cn("text-right", stickyColumns.actions)}>
                <span className="sr-only">Actions</span>
              </TableHead>
            )}
          </TableRow>
        </TableHeader>
        <TableBody>
          {items === undefined
            ? Array.from({ length: SKELETON_ROWS }, (_, i) => <SkeletonRow key={i} canEdit={canEdit} />)
            : items.map((connection) => (
                <ConnectionRow
                  key={connection.id}
                  projectId={props.projectId}
                  connection={connection}
                  canEdit={canEdit}
                  selected={selected.has(connection.id)}
                  onSelectedChange={(on) => toggle(connection.id, on)}
                  onOpen={props.onOpen}
                  onEdit={props.onEdit}
                  onReconnect={props.onReconnect}
                  onDelete={props.onDelete}
                />
              ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** What the page shows before its first rows arrive (route loading, Suspense): the table's shape, not a blank. */
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

function SkeletonRow({ canEdit }: { canEdit: boolean }) {
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
