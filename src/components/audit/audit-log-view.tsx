"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ScrollText } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/trpc/react";
import { AuditFilters } from "./audit-filters";
import { actionLabel, describeDetails } from "./event-labels";
import { toQuery, useAuditUrlState } from "./use-audit-url-state";

const PAGE_SIZE = 25;

export function AuditLogView({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const { state, set } = useAuditUrlState();
  const input = {
    projectId,
    connectionId: state.connection || undefined,
    actions: state.actions.length ? state.actions : undefined,
    actor: state.actor || undefined,
    from: state.from ? new Date(`${state.from}T00:00:00Z`) : undefined,
    to: state.to ? new Date(`${state.to}T00:00:00Z`) : undefined,
    page: state.page,
    pageSize: PAGE_SIZE,
  };
  const list = useQuery(trpc.audit.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));
  const exportHref = `/p/${projectId}/audit/export?${toQuery({ ...state, page: 1 })}`;

  return (
    <div>
      <AuditFilters projectId={projectId} state={state} set={set} exportHref={exportHref} />
      <Table scrollLabel="Audit events">
        <TableHeader>
          <TableRow>
            <TableHead className="w-44">Time</TableHead>
            <TableHead>Event</TableHead>
            <TableHead>Connection</TableHead>
            <TableHead>Actor</TableHead>
            <TableHead>Details</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {list.isLoading &&
            Array.from({ length: 6 }, (_, i) => (
              <TableRow key={i}>
                <TableCell colSpan={5}>
                  <Skeleton className="h-5 w-full" />
                </TableCell>
              </TableRow>
            ))}
          {list.data?.items.map((e) => (
            <TableRow key={e.id}>
              <TableCell className="whitespace-nowrap text-muted-foreground" title={new Date(e.createdAt).toISOString()}>
                {new Date(e.createdAt).toLocaleString()}
              </TableCell>
              <TableCell>
                <Badge
                  variant={e.action.includes("failed") || (e.action === "connection.status_changed" && e.details.to === "ERROR") ? "destructive" : "secondary"}
                >
                  {actionLabel(e.action)}
                </Badge>
              </TableCell>
              <TableCell>
                <div className="font-medium">{e.connectionName ?? "—"}</div>
                {e.connectionExternalId && <div className="font-mono text-xs text-muted-foreground">{e.connectionExternalId}</div>}
              </TableCell>
              <TableCell>
                {e.actorLabel}
                {e.actorType !== "USER" && <span className="ml-1 text-xs text-muted-foreground">({e.actorType === "SYSTEM" ? "system" : "API token"})</span>}
              </TableCell>
              <TableCell className="max-w-md text-sm text-muted-foreground">
                {e.flowId && <span className="mr-1 text-foreground">Flow {e.flowName ?? e.flowId}.</span>}
                {describeDetails(e.action, e.details)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {list.data && list.data.items.length === 0 && (
        <div className="flex flex-col items-center gap-2 py-12 text-center text-sm text-muted-foreground">
          <ScrollText className="size-8" aria-hidden />
          No events match these filters.
        </div>
      )}
      <div className="mt-4 flex items-center justify-between text-sm text-muted-foreground">
        <span>{list.data ? `${list.data.total.toLocaleString()} events` : ""}</span>
        <div className="flex items-center gap-2">
          <span>
            Page {state.page} of {pages}
          </span>
          <Button variant="outline" size="sm" disabled={state.page <= 1} onClick={() => set({ page: state.page - 1 })}>
            Previous page
          </Button>
          <Button variant="outline" size="sm" disabled={state.page >= pages} onClick={() => set({ page: state.page + 1 })}>
            Next page
          </Button>
        </div>
      </div>
    </div>
  );
}
