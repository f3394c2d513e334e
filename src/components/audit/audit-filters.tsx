"use client";

import { useQuery } from "@tanstack/react-query";
import { ChevronDown, Download, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuCheckboxItem, DropdownMenuContent, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { AUDIT_ACTIONS } from "@/schemas/audit";
import { useTRPC } from "@/trpc/react";
import { actionLabel } from "./event-labels";
import type { AuditUrlState } from "./use-audit-url-state";

const ALL = "__all__";

export function AuditFilters({
  projectId,
  state,
  set,
  exportHref,
}: {
  projectId: string;
  state: AuditUrlState;
  set: (patch: Partial<AuditUrlState>) => void;
  exportHref: string;
}) {
  const trpc = useTRPC();
  const actors = useQuery(trpc.audit.actors.queryOptions({ projectId }));
  const conns = useQuery(trpc.connection.list.queryOptions({ projectId, sort: "name", dir: "asc", pageSize: 100 }));
  const filtered = Boolean(state.connection || state.actions.length || state.actor || state.from || state.to);
  const eventsLabel = state.actions.length ? `${state.actions.length} selected` : "All events";
  return (
    <div className="mb-4 flex flex-wrap items-end gap-3">
      <div className="space-y-1.5">
        <Label id="audit-connection-label">Connection</Label>
        <Select value={state.connection || ALL} onValueChange={(v) => set({ connection: v === ALL ? "" : v })}>
          <SelectTrigger className="w-56" aria-labelledby="audit-connection-label">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All connections</SelectItem>
            {conns.data?.items.map((c) => (
              <SelectItem key={c.id} value={c.id}>
                {c.displayName}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="space-y-1.5">
        <span className="block text-sm font-medium">Event type</span>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            {/* The name carries the visible text too (WCAG 2.5.3, axe: label-content-name-mismatch). */}
            <Button variant="outline" className="w-48 justify-between" aria-label={`Event type: ${eventsLabel}`}>
              {eventsLabel}
              <ChevronDown className="size-4 opacity-60" aria-hidden />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent className="w-56">
            {AUDIT_ACTIONS.map((a) => (
              <DropdownMenuCheckboxItem
                key={a}
                checked={state.actions.includes(a)}
                onSelect={(e) => e.preventDefault()}
                onCheckedChange={(on) => set({ actions: on ? [...state.actions, a] : state.actions.filter((x) => x !== a) })}
              >
                {actionLabel(a)}
              </DropdownMenuCheckboxItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
      </div>
      <div className="space-y-1.5">
        <Label id="audit-actor-label">Actor</Label>
        <Select value={state.actor || ALL} onValueChange={(v) => set({ actor: v === ALL ? "" : v })}>
          <SelectTrigger className="w-52" aria-labelledby="audit-actor-label">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>Anyone</SelectItem>
            <SelectItem value="SYSTEM">System (background jobs)</SelectItem>
            <SelectItem value="API_TOKEN">Any API token</SelectItem>
            {actors.data
              ?.filter((a) => a.actorType === "USER" && a.actorId)
              .map((a) => (
                <SelectItem key={a.actorId!} value={a.actorId!}>
                  {a.actorLabel}
                </SelectItem>
              ))}
          </SelectContent>
        </Select>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="audit-from">From</Label>
        <Input id="audit-from" type="date" className="w-40" value={state.from} onChange={(e) => set({ from: e.target.value })} />
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="audit-to">To</Label>
        <Input id="audit-to" type="date" className="w-40" value={state.to} onChange={(e) => set({ to: e.target.value })} />
      </div>
      {filtered && (
        <Button variant="ghost" onClick={() => set({ connection: "", actions: [], actor: "", from: "", to: "" })}>
          <X className="size-4" aria-hidden /> Clear filters
        </Button>
      )}
      <Button variant="outline" asChild className="ml-auto">
        <a href={exportHref} download>
          <Download className="size-4" aria-hidden /> Export CSV
        </a>
      </Button>
    </div>
  );
}
