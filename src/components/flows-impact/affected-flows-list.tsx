"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";
import type { AffectedFlow } from "@/server/flows/affected-flows";
import { VersionUseBadge } from "./version-use-badge";

interface AffectedFlowsListProps {
  projectId: string;
  items: AffectedFlow[];
  total: number;
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
  label?: string;
  busy?: boolean;
}

/** The flows a change would affect, each linking to its page, with which versions use it. */
export function AffectedFlowsList({ projectId, items, total, page, pageSize, onPageChange, label = "Affected flows", busy }: AffectedFlowsListProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <div className="space-y-2">
      <ul aria-label={label} aria-busy={busy} className="divide-y rounded-md border">
        {items.map((flow) => (
          <li key={flow.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
            <Link
              href={`/p/${projectId}/flows/${encodeURIComponent(flow.id)}`}
              target="_blank"
              className="min-w-0 truncate font-medium text-primary underline-offset-4 hover:underline"
            >
              {flow.name}
              <span className="sr-only"> (opens in a new tab)</span>
            </Link>
            <div className="flex shrink-0 items-center gap-2">
              {!flow.enabled && <span className="text-xs text-muted-foreground">Disabled</span>}
              <VersionUseBadge use={flow.use} />
            </div>
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <div className="flex items-center justify-between text-xs text-muted-foreground">
          <span>
            {first}–{last} of {total}
          </span>
          <div className="flex gap-1">
            <Button type="button" size="sm" variant="outline" disabled={page <= 1 || busy} onClick={() => onPageChange(page - 1)}>
              Previous page
            </Button>
            <Button type="button" size="sm" variant="outline" disabled={page >= pages || busy} onClick={() => onPageChange(page + 1)}>
              Next page
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
