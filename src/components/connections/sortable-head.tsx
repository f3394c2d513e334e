"use client";

import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { TableHead } from "@/components/ui/table";
import type { ConnectionSort, SortDir } from "./use-connections-url-state";

interface SortableHeadProps {
  column: ConnectionSort;
  label: string;
  sort: ConnectionSort;
  dir: SortDir;
  onSort: (column: ConnectionSort) => void;
  className?: string;
}

export function SortableHead({ column, label, sort, dir, onSort, className }: SortableHeadProps) {
  const active = sort === column;
  const Icon = !active ? ArrowUpDown : dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <TableHead aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"} className={className}>
      <button
        type="button"
        onClick={() => onSort(column)}
        className="-ml-2 inline-flex h-8 items-center gap-1.5 rounded-md px-2 font-medium hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
      >
        {label}
        <Icon className={active ? "size-3.5" : "size-3.5 text-muted-foreground/60"} aria-hidden />
      </button>
    </TableHead>
  );
}
