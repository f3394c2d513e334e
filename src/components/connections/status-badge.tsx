"use client";

import { Badge } from "@/components/ui/badge";
import { DeferredTooltip } from "@/components/ui/deferred-tooltip";
import type { ConnectionStatus } from "./use-connections-url-state";

export const STATUS_LABELS: Record<ConnectionStatus, string> = { ACTIVE: "Active", MISSING: "Missing", ERROR: "Error" };
const VARIANTS = { ACTIVE: "success", MISSING: "warning", ERROR: "destructive" } as const;

/** Status badge; when there is a reason, it is focusable and explains itself in a tooltip. */
export function StatusBadge({ status, reason }: { status: ConnectionStatus; reason: string | null }) {
  if (!reason) return <Badge variant={VARIANTS[status]}>{STATUS_LABELS[status]}</Badge>;
  return (
    <DeferredTooltip content={reason} contentClassName="max-w-xs">
      <Badge asChild variant={VARIANTS[status]} className="cursor-help">
        <button type="button">{STATUS_LABELS[status]}</button>
      </Badge>
    </DeferredTooltip>
  );
}
