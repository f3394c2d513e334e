"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/trpc/react";
import { actionLabel, describeDetails } from "./event-labels";

const PAGE = 10;

/** A connection's history, newest first, paged on the server ("Show older" loads the next page). */
export function ConnectionTimeline({ projectId, connectionId }: { projectId: string; connectionId: string }) {
  const trpc = useTRPC();
  const [pages, setPages] = useState(1);
  const list = useQuery(trpc.audit.list.queryOptions({ projectId, connectionId, page: 1, pageSize: PAGE * pages }));
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby={`timeline-${connectionId}`} className="space-y-3">
      <h3 id={`timeline-${connectionId}`} className="text-sm font-medium">
        Timeline
      </h3>
      {list.isLoading && <Skeleton className="h-16 w-full" />}
      <ol className="space-y-3 border-l pl-4" aria-label="Connection timeline">
        {items.map((e) => (
          <li key={e.id} className="relative">
            <span className="absolute -left-[21px] top-1.5 size-2 rounded-full bg-muted-foreground/60" aria-hidden />
            <div className="text-sm">
              <span className="font-medium">{actionLabel(e.action)}</span>
              <span className="text-muted-foreground"> · {e.actorLabel}</span>
            </div>
            <div className="text-xs text-muted-foreground">
              <time dateTime={new Date(e.createdAt).toISOString()}>{new Date(e.createdAt).toLocaleString()}</time>
              {describeDetails(e.action, e.details) && <> · {describeDetails(e.action, e.details)}</>}
            </div>
          </li>
        ))}
      </ol>
      {list.data && items.length < list.data.total && (
        <Button variant="ghost" size="sm" onClick={() => setPages((p) => p + 1)} disabled={list.isFetching}>
          Show older events
        </Button>
      )}
      {list.data && items.length === 0 && <p className="text-sm text-muted-foreground">No events yet.</p>}
    </section>
  );
}
