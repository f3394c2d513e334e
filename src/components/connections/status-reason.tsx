"use client";

import { DeferredTooltip } from "@/components/ui/deferred-tooltip";
import { cn } from "@/lib/utils";
import type { ConnectionStatus } from "./use-connections-url-state";

/**
 * Why a connection needs attention, as text on its row: one truncated line, the whole reason on
 * hover or keyboard focus. Active connections keep their row quiet.
 */
export function StatusReason({ status, reason }: { status: ConnectionStatus; reason: string | null }) {
  if (!reason || status === "ACTIVE") return null;
  return (
    <DeferredTooltip content={reason} contentClassName="max-w-xs">
      <p
        tabIndex={0}
        className={cn(
          "mt-1 max-w-44 truncate max-sm:max-w-28 rounded-sm text-xs focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none",
          status === "ERROR" ? "text-red-800 dark:text-red-200" : "text-amber-900 dark:text-amber-100",
        )}
      >
        {reason}
      </p>
    </DeferredTooltip>
  );
}
