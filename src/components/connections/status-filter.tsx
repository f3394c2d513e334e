"use client";

import { ChevronDown } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { CONNECTION_STATUSES } from "@/lib/connection-constants";
import { STATUS_LABELS } from "./status-badge";
import type { ConnectionStatus } from "./use-connections-url-state";

export function StatusFilter({ value, onChange }: { value: ConnectionStatus[]; onChange: (value: ConnectionStatus[]) => void }) {
  const toggle = (status: ConnectionStatus, on: boolean) =>
    onChange(on ? CONNECTION_STATUSES.filter((s) => s === status || value.includes(s)) : value.filter((s) => s !== status));
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" className="border-dashed">
          Status
          {value.length > 0 && (
            <Badge variant="secondary" className="px-1.5">
              <span className="sr-only">, </span>
              {value.length}
              <span className="sr-only"> selected</span>
            </Badge>
          )}
          <ChevronDown className="text-muted-foreground" aria-hidden />
        </Button>
      </DropdownMenuTrigger>
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
