"use client";

import { Activity, Pencil, RefreshCw, Trash2 } from "lucide-react";
import type { DeferredTrigger } from "@/components/ui/deferred-popup";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";

/** The row actions (the menu owns the type: the row loads the menu, never the other way round). */
export interface CompactRowActionsProps {
  name: string;
  onRecheck: () => void;
  onEdit: () => void;
  onReconnect: () => void;
  onDelete: () => void;
}

/** A row's actions menu, loaded when first wanted (see CompactRowActions). */
export function CompactRowActionsMenu({ trigger, openAtOnce, ...props }: DeferredTrigger & CompactRowActionsProps) {
  return (
    <DropdownMenu defaultOpen={openAtOnce}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuItem onSelect={props.onRecheck}>
          <Activity aria-hidden /> Recheck
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={props.onEdit}>
          <Pencil aria-hidden /> Edit
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={props.onReconnect}>
          <RefreshCw aria-hidden /> Reconnect
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem variant="destructive" onSelect={props.onDelete}>
          <Trash2 aria-hidden /> Delete
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
