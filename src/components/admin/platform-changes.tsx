"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { Skeleton } from "@/components/ui/skeleton";

export interface PlatformEvent {
  id: number;
  createdAt: Date;
  action: string;
  actorLabel: string;
  details: Record<string, unknown>;
}

/** "Recent changes" on an admin page: who changed what, from the platform audit events. */
export function PlatformChanges(props: {
  label: string;
  empty: string;
  query: UseQueryResult<PlatformEvent[], unknown>;
  describe: (action: string, details: Record<string, unknown>) => string;
}) {
  const { query } = props;
  return (
    <section aria-label={props.label} className="grid gap-2">
      <h2 className="text-base font-medium">Recent changes</h2>
      {query.isLoading && <Skeleton className="h-5 w-full" />}
      {query.data?.length === 0 && <p className="text-sm text-muted-foreground">{props.empty}</p>}
      {query.data && query.data.length > 0 && (
        <ul className="divide-y rounded-lg border text-sm" aria-label={props.label}>
          {query.data.map((e) => (
            <li key={e.id} className="flex flex-wrap items-baseline gap-x-2 px-4 py-2">
              <time dateTime={e.createdAt.toISOString()} className="text-muted-foreground tabular-nums">
                {e.createdAt.toLocaleString()}
              </time>
              <span>
                <span className="font-medium">{e.actorLabel}</span> {props.describe(e.action, e.details)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
