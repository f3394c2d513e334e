"use client";

import { Activity, Pencil, RefreshCw, Trash2 } from "lucide-react";
import Link from "next/link";
import { PieceIcon } from "@/components/piece-icon";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { TableCell, TableRow } from "@/components/ui/table";
import { DeferredTooltip } from "@/components/ui/deferred-tooltip";
import { getPieceSummary } from "@/pieces/summaries";
import { cn } from "@/lib/utils";
import { CompactRowActions } from "./compact-row-actions";
import { CopyReferenceButton } from "./copy-reference-button";
import { formatAbsolute, formatRelative } from "./format-time";
import { StatusBadge } from "./status-badge";
import { StatusReason } from "./status-reason";
import { stickyColumns } from "./sticky-columns";
import type { ConnectionDto } from "./types";
import { useRecheck } from "./use-recheck";

export interface RowActions {
  onOpen: (connection: ConnectionDto) => void;
  onEdit: (connection: ConnectionDto) => void;
  onReconnect: (connection: ConnectionDto) => void;
  onDelete: (connection: ConnectionDto) => void;
}

interface ConnectionRowProps extends RowActions {
  projectId: string;
  connection: ConnectionDto;
  canEdit: boolean;
  selected: boolean;
  onSelectedChange: (selected: boolean) => void;
}

function TimeCell({ date }: { date: Date | null }) {
  if (!date) return <TableCell className="text-muted-foreground">Never</TableCell>;
  return (
    <TableCell className="whitespace-nowrap text-muted-foreground">
      <time dateTime={date.toISOString()} title={formatAbsolute(date)}>
        {formatRelative(date)}
      </time>
    </TableCell>
  );
}

function IconAction(props: { label: string; tooltip: string; onClick: () => void; children: React.ReactNode; destructive?: boolean }) {
  return (
    <DeferredTooltip content={props.tooltip}>
      <Button
        variant="ghost"
        size="icon"
        className={props.destructive ? "size-8 text-muted-foreground hover:text-destructive" : "size-8 text-muted-foreground"}
        aria-label={props.label}
        onClick={props.onClick}
      >
        {props.children}
      </Button>
    </DeferredTooltip>
  );
}

export function ConnectionRow({ projectId, connection, canEdit, selected, onSelectedChange, ...actions }: ConnectionRowProps) {
  const piece = getPieceSummary(connection.pieceName);
  const name = connection.displayName;
  const recheck = useRecheck();
  return (
    <TableRow data-state={selected ? "selected" : undefined}>
      {canEdit && (
        <TableCell className={cn("w-10", stickyColumns.select)}>
          <Checkbox aria-label={`Select ${name}`} checked={selected} onCheckedChange={(checked) => onSelectedChange(checked === true)} />
        </TableCell>
      )}
      <TableCell className={cn("max-w-[22rem]", stickyColumns.name(canEdit))}>
        <div className="flex items-center gap-3">
          {piece ? <PieceIcon piece={piece} size={28} className="shrink-0" /> : <div className="size-7 shrink-0 rounded bg-muted" aria-hidden />}
          <div className="min-w-0">
            <button
              type="button"
              aria-label={`${name} details`}
              onClick={() => actions.onOpen(connection)}
              className="block max-w-full truncate rounded-sm text-left font-medium hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
            >
              {name}
            </button>
            <div className="flex items-center gap-0.5">
              <span className="truncate font-mono text-xs text-muted-foreground">{connection.externalId}</span>
              <CopyReferenceButton externalId={connection.externalId} />
            </div>
          </div>
        </div>
      </TableCell>
      <TableCell className={stickyColumns.status(canEdit)}>
        <StatusBadge status={connection.status} reason={connection.statusReason} />
        <StatusReason status={connection.status} reason={connection.statusReason} />
        <div className="mt-0.5 text-xs whitespace-nowrap text-muted-foreground">
          {connection.lastCheckedAt ? (
            <time dateTime={connection.lastCheckedAt.toISOString()} title={`Last checked ${formatAbsolute(connection.lastCheckedAt)}`}>
              checked {formatRelative(connection.lastCheckedAt)}
            </time>
          ) : (
            "not checked yet"
          )}
        </div>
      </TableCell>
      <TableCell>{piece?.displayName ?? connection.pieceName}</TableCell>
      <TimeCell date={connection.createdAt} />
      <TimeCell date={connection.lastUsedAt} />
      <TableCell className="text-right tabular-nums">
        <Link
          href={`/p/${projectId}/flows?connection=${encodeURIComponent(connection.externalId)}`}
          aria-label={`${connection.flowCount} ${connection.flowCount === 1 ? "flow uses" : "flows use"} ${name}`}
          className="rounded-sm px-1 text-primary underline-offset-4 hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
        >
          {connection.flowCount}
        </Link>
      </TableCell>
      {canEdit && (
        <TableCell className={cn("w-40 max-sm:w-12", stickyColumns.actions)}>
          <CompactRowActions
            name={name}
            onRecheck={() => recheck.mutate({ projectId, connectionId: connection.id })}
            onEdit={() => actions.onEdit(connection)}
            onReconnect={() => actions.onReconnect(connection)}
            onDelete={() => actions.onDelete(connection)}
          />
          <div className="flex justify-end gap-0.5 max-sm:hidden">
            <IconAction
              label={`Recheck ${name}`}
              tooltip={recheck.isPending ? "Checking…" : "Check it now"}
              onClick={() => recheck.mutate({ projectId, connectionId: connection.id })}
            >
              <Activity aria-hidden className={recheck.isPending ? "animate-pulse" : undefined} />
            </IconAction>
            <IconAction label={`Edit ${name}`} tooltip="Rename or update credentials" onClick={() => actions.onEdit(connection)}>
              <Pencil aria-hidden />
            </IconAction>
            <IconAction label={`Reconnect ${name}`} tooltip="Re-enter credentials" onClick={() => actions.onReconnect(connection)}>
              <RefreshCw aria-hidden />
            </IconAction>
            <IconAction label={`Delete ${name}`} tooltip="Delete" destructive onClick={() => actions.onDelete(connection)}>
              <Trash2 aria-hidden />
            </IconAction>
          </div>
        </TableCell>
      )}
    </TableRow>
  );
}
