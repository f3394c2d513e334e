"use client";

import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { DeferredTrigger } from "@/components/ui/deferred-popup";
import { CONNECTION_STATUSES } from "@/lib/connection-constants";
import { STATUS_LABELS } from "./status-badge";
import type { ConnectionStatus } from "./use-connections-url-state";

/** The status filter's menu, loaded when first wanted (see StatusFilter). */
export function StatusFilterMenu({
  trigger,
  openAtOnce,
  value,
  onChange,
}: DeferredTrigger & { value: ConnectionStatus[]; onChange: (value: ConnectionStatus[]) => void }) {
  const toggle = (status: ConnectionStatus, on: boolean) =>
    onChange(on ? CONNECTION_STATUSES.filter((s) => s === status || value.includes(s)) : value.filter((s) => s !== status));
  return (
    <DropdownMenu defaultOpen={openAtOnce}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-44">
        {CONNECTION_STATUSES.map((status) => (
          <DropdownMenuCheckboxItem
            key={status}
            checked={value.includes(status)}
            onCheckedChange={(on) => toggle(status, on)}
            // Keep the menu open so several statuses can be ticked in one go.
            onSelect={(e) => e.preventDefault()}
          >
            {STATUS_LABELS[status]}
          </DropdownMenuCheckboxItem>
        ))}
        {value.length > 0 && (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => onChange([])}>Clear status filter</DropdownMenuItem>
          </>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
