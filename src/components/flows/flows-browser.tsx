"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Search, Workflow, X } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/trpc/react";
import { FlowsPagination } from "./flows-pagination";
import { FlowsTable } from "./flows-table";
import { useFlowsUrlState } from "./use-flows-url-state";

const PAGE_SIZE = 20;

export function FlowsBrowser({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const [view, update] = useFlowsUrlState();
  const [typed, setTyped] = useState(view.search);
  useEffect(() => {
    if (typed === view.search) return;
    const timer = setTimeout(() => update({ search: typed, page: 1 }), 250);
    return () => clearTimeout(timer);
  }, [typed, view.search, update]);

  const list = useQuery({
    ...trpc.flow.list.queryOptions({
      projectId,
      search: view.search || undefined,
      connection: view.connection ?? undefined,
      page: view.page,
      pageSize: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
  const data = list.data;
  const filterName = data?.filter?.connection?.displayName ?? view.connection;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <div className="relative w-72">
          <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted-foreground" aria-hidden />
          <Input aria-label="Search flows" placeholder="Search flows by name" className="pl-8" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </div>
        {view.connection && (
          <div role="status" className="flex items-center gap-2 rounded-md border bg-muted/40 px-3 py-1.5 text-sm">
            <span>
              Using <span className="font-medium">{filterName}</span>
              {data?.filter && !data.filter.connection && (
                <span className="text-destructive"> (no such connection: flows still referencing it are listed)</span>
              )}
            </span>
            <Button variant="ghost" size="icon" className="size-6" aria-label="Show all flows" onClick={() => update({ connection: null, page: 1 })}>
              <X aria-hidden />
            </Button>
          </div>
        )}
        {data && (
          <span className="ml-auto text-sm text-muted-foreground">
            {data.total} flow{data.total === 1 ? "" : "s"}
          </span>
        )}
      </div>

      {list.isError && (
        <p role="alert" className="text-sm text-destructive">
          {list.error.message}
        </p>
      )}
      {!data && !list.isError && <Skeleton className="h-40 w-full" />}
      {data && data.total === 0 && (
        <section className="flex flex-col items-center rounded-lg border border-dashed px-6 py-12 text-center">
          <Workflow className="mb-3 size-8 text-muted-foreground" aria-hidden />
          <h2 className="text-lg font-medium">{view.connection || view.search ? "No flow matches" : "No flows yet"}</h2>
          <p className="mt-2 max-w-prose text-sm text-muted-foreground">
            {view.connection
              ? "No draft or published version references this connection."
              : "The workflow editor saves flows here through the engine API (PUT /api/v1/flows/{id}). To try the feature, run npm run seed:demo."}
          </p>
        </section>
      )}
      {data && data.total > 0 && (
        <>
          <FlowsTable projectId={projectId} items={data.items} filterExternalId={view.connection} />
          <FlowsPagination page={view.page} pageSize={PAGE_SIZE} total={data.total} onPage={(page) => update({ page })} />
        </>
      )}
    </div>
  );
}
