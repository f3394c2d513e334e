"use client";

import { useQuery } from "@tanstack/react-query";
import { Activity, Pencil, RefreshCw } from "lucide-react";
import { ConnectionTimeline } from "@/components/audit/connection-timeline";
import { Button } from "@/components/ui/button";
import { Separator } from "@/components/ui/separator";
import { Sheet, SheetContent, SheetDescription, SheetFooter, SheetHeader, SheetTitle } from "@/components/ui/sheet";
import { Skeleton } from "@/components/ui/skeleton";
import { getPiece } from "@/pieces";
import { useTRPC } from "@/trpc/react";
import { AUTH_TYPE_LABELS, findAuth, hintLabel } from "./auth-fields";
import { connectionReference, CopyReferenceButton } from "./copy-reference-button";
import { formatAbsolute, formatRelative } from "./format-time";
import { PieceHeading } from "./piece-heading";
import { StatusBadge } from "./status-badge";
import type { ConnectionDto } from "./types";
import { useRecheck } from "./use-recheck";

interface ConnectionDetailSheetProps {
  projectId: string;
  connectionId: string | null;
  canEdit: boolean;
  onOpenChange: (open: boolean) => void;
  onEdit: (connection: ConnectionDto) => void;
  onReconnect: (connection: ConnectionDto) => void;
}

export function ConnectionDetailSheet(props: ConnectionDetailSheetProps) {
  const { projectId, connectionId, canEdit } = props;
  const trpc = useTRPC();
  const detail = useQuery({
    ...trpc.connection.get.queryOptions({ projectId, connectionId: connectionId ?? "" }),
    enabled: connectionId !== null,
  });
  const connection = detail.data;
  const recheck = useRecheck();

  return (
    <Sheet open={connectionId !== null} onOpenChange={props.onOpenChange}>
      <SheetContent className="w-full gap-0 sm:max-w-md">
        <SheetHeader className="border-b pr-12">
          <SheetTitle>{connection?.displayName ?? "Connection"}</SheetTitle>
          <SheetDescription>Details and masked credentials. Secrets never leave the server.</SheetDescription>
        </SheetHeader>
        <div className="flex-1 overflow-y-auto p-4">
          {detail.isPending && <DetailSkeleton />}
          {detail.isError && (
            <p role="alert" className="text-sm text-destructive">
              {detail.error.data?.code === "NOT_FOUND" ? "This connection no longer exists." : detail.error.message}
            </p>
          )}
          {connection && <ConnectionDetails connection={connection} />}
          {connection && (
            <div className="mt-5 border-t pt-4">
              <ConnectionTimeline projectId={projectId} connectionId={connection.id} />
            </div>
          )}
        </div>
        {connection && canEdit && (
          <SheetFooter className="flex-row justify-end border-t">
            <Button variant="outline" disabled={recheck.isPending} onClick={() => recheck.mutate({ projectId, connectionId: connection.id })}>
              <Activity aria-hidden />
              {recheck.isPending ? "Checking…" : "Recheck"}
            </Button>
            <Button variant="outline" onClick={() => props.onReconnect(connection)}>
              <RefreshCw aria-hidden />
              Reconnect
            </Button>
            <Button onClick={() => props.onEdit(connection)}>
              <Pencil aria-hidden />
              Edit
            </Button>
          </SheetFooter>
        )}
      </SheetContent>
    </Sheet>
  );
}

function When({ date, never = "Never" }: { date: Date | null; never?: string }) {
  if (!date) return <span className="text-muted-foreground">{never}</span>;
  return (
    <span>
      {formatAbsolute(date)} <span className="text-muted-foreground">({formatRelative(date)})</span>
    </span>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-3 py-1.5 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function ConnectionDetails({ connection }: { connection: ConnectionDto }) {
  const piece = getPiece(connection.pieceName);
  const auth = findAuth(piece, connection.type);
  const hints = Object.entries(connection.valueHints);
  return (
    <div className="grid gap-5">
      <PieceHeading piece={piece} fallbackName={connection.pieceName} />
      <div className="grid gap-1.5">
        <div className="flex items-center gap-2">
          <StatusBadge status={connection.status} reason={null} />
        </div>
        {connection.statusReason && <p className="text-sm text-muted-foreground">{connection.statusReason}</p>}
      </div>
      <dl>
        <Row label="External ID">
          <span className="font-mono text-xs">{connection.externalId}</span>
        </Row>
        <Row label="Reference">
          <span className="inline-flex items-center gap-1">
            <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{connectionReference(connection.externalId)}</code>
            <CopyReferenceButton externalId={connection.externalId} />
          </span>
        </Row>
        <Row label="Internal ID">
          <span className="font-mono text-xs">{connection.id}</span>
        </Row>
        <Row label="Type">{auth?.displayName ? `${auth.displayName} (${AUTH_TYPE_LABELS[connection.type]})` : AUTH_TYPE_LABELS[connection.type]}</Row>
        <Row label="Connected at">
          <When date={connection.createdAt} />
        </Row>
        <Row label="Updated at">
          <When date={connection.updatedAt} />
        </Row>
        <Row label="Last used">
          <When date={connection.lastUsedAt} />
        </Row>
        <Row label="Last checked">
          <When date={connection.lastCheckedAt} never="Not checked yet" />
        </Row>
        <Row label="Flows">{connection.flowCount}</Row>
        <Row label="Owner">
          {connection.owner ? (
            <span>
              {connection.owner.name} <span className="text-muted-foreground">({connection.owner.email})</span>
            </span>
          ) : (
            <span className="text-muted-foreground">Unknown</span>
          )}
        </Row>
      </dl>
      <Separator />
      <section aria-labelledby="connection-credentials-heading">
        <h3 id="connection-credentials-heading" className="mb-2 text-sm font-medium">
          Credentials (masked)
        </h3>
        {hints.length === 0 ? (
          <p className="text-sm text-muted-foreground">No credentials stored.</p>
        ) : (
          <dl>
            {hints.map(([key, hint]) => (
              <Row key={key} label={hintLabel(auth, key)}>
                <span className="font-mono text-xs">{hint}</span>
              </Row>
            ))}
          </dl>
        )}
      </section>
    </div>
  );
}

function DetailSkeleton() {
  return (
    <div className="grid gap-4" aria-label="Loading connection" role="status">
      <Skeleton className="h-9 w-48" />
      <Skeleton className="h-5 w-20" />
      {Array.from({ length: 8 }, (_, i) => (
        <Skeleton key={i} className="h-4 w-full" />
      ))}
    </div>
  );
}
