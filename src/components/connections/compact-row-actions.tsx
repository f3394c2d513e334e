"use client";

import { Activity, EllipsisVertical, Pencil, RefreshCw, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { useHydrated } from "@/components/use-hydrated";

/** A phone-width row has no room for four icon buttons: the same actions behind one menu. */
export function CompactRowActions(props: { name: string; onRecheck: () => void; onEdit: () => void; onReconnect: () => void; onDelete: () => void }) {
  const hydrated = useHydrated();
  return (
    <div className="flex justify-end sm:hidden">
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" className="size-8" aria-label={`Actions for ${props.name}`} disabled={!hydrated}>
            <EllipsisVertical aria-hidden />
          </Button>
        </DropdownMenuTrigger>
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
    </div>
  );
}
