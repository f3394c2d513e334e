"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { Table, TableBody, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { ConnectionRow, type RowActions } from "./connection-row";
import { SKELETON_ROWS, SkeletonRow } from "./connections-table-skeleton";
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
