"use client";

import { useQuery } from "@tanstack/react-query";
import { Check, Plus, RefreshCw, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { NewConnectionForm } from "@/components/connections/new-connection-form";
import { ReconnectConnectionDialog } from "@/components/connections/reconnect-connection-dialog";
import { StatusBadge } from "@/components/connections/status-badge";
import type { ConnectionDto } from "@/components/connections/types";
import { PieceIcon } from "@/components/piece-icon";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { ConnectionSummary } from "@/lib/embed/protocol";
import { cn } from "@/lib/utils";
import type { Piece } from "@/pieces";
import { useTRPC } from "@/trpc/react";

const summary = (c: ConnectionDto): ConnectionSummary => ({ externalId: c.externalId, displayName: c.displayName, pieceName: c.pieceName });

export function EmbedConnectionList(props: {
  projectId: string;
  piece: Piece;
  selected: string | null;
  onSelect: (c: ConnectionSummary) => void;
  onCreated: (c: ConnectionSummary) => void;
  onClose: () => void;
  onReady: () => void;
}) {
  const { projectId, piece } = props;
  const trpc = useTRPC();
  const list = useQuery(trpc.connection.list.queryOptions({ projectId, pieces: [piece.name], sort: "name", dir: "asc", pageSize: 100 }));
  const [creating, setCreating] = useState(false);
  const [reconnecting, setReconnecting] = useState<ConnectionDto | null>(null);
  const loaded = list.isSuccess;
  // "ready" once per app shown (the parent keys this list by app), not on every re-render.
  const onReady = useRef(props.onReady);
  useEffect(() => {
    onReady.current = props.onReady;
  });
  useEffect(() => {
    if (loaded) onReady.current();
  }, [loaded]);

  if (creating) {
    // Inline rather than a dialog: the iframe grows to fit it (resize messages) instead of clipping it.
    return (
      <main className="space-y-4 p-4">
        <section aria-labelledby="embed-new-connection" className="space-y-3">
          <header>
            <h1 id="embed-new-connection" className="text-base font-semibold">
              New {piece.displayName} connection
            </h1>
            <p className="text-sm text-muted-foreground">The credentials are checked, then stored encrypted. The step will use this connection.</p>
          </header>
          <NewConnectionForm
            projectId={projectId}
            piece={piece}
            onBack={() => setCreating(false)}
            onCancel={() => setCreating(false)}
            onCreated={(c) => {
              setCreating(false);
              void list.refetch();
              props.onCreated(summary(c));
            }}
          />
        </section>
      </main>
    );
  }

  return (
    <main className="space-y-4 p-4">
      <header className="flex items-center gap-3">
        <PieceIcon piece={piece} size={28} />
        <h1 className="flex-1 text-base font-semibold">Choose a connection for {piece.displayName}</h1>
        <Button variant="ghost" size="icon" aria-label="Close picker" onClick={props.onClose}>
          <X aria-hidden />
        </Button>
      </header>
      {list.isLoading && <Skeleton className="h-24 w-full" />}
      {list.isError && (
        <p role="alert" className="text-sm text-destructive">
          {list.error.message}
        </p>
      )}
      {list.data && list.data.items.length === 0 && (
        <p className="text-sm text-muted-foreground">
          No {piece.displayName} connection in this project yet. Create one: every flow of the project can reuse it.
        </p>
      )}
      <ul className="space-y-2" aria-label={`${piece.displayName} connections`}>
        {list.data?.items.map((c) => {
          const isSelected = props.selected === c.externalId;
          return (
            <li key={c.id} className={cn("flex items-center gap-3 rounded-lg border p-3", isSelected && "border-primary bg-accent")}>
              <div className="min-w-0 flex-1">
                <div className="truncate font-medium">{c.displayName}</div>
                <div className="truncate font-mono text-xs text-muted-foreground">{c.externalId}</div>
              </div>
              <StatusBadge status={c.status} reason={c.statusReason} />
              {c.status !== "ACTIVE" && (
                <Button variant="outline" size="sm" aria-label={`Reconnect ${c.displayName}`} onClick={() => setReconnecting(c)}>
                  <RefreshCw aria-hidden /> Reconnect
                </Button>
              )}
              <Button
                size="sm"
                variant={isSelected ? "secondary" : "default"}
                aria-label={`Use ${c.displayName}`}
                aria-pressed={isSelected}
                onClick={() => props.onSelect(summary(c))}
              >
                {isSelected ? <Check aria-hidden /> : null}
                {isSelected ? "Selected" : "Use"}
              </Button>
            </li>
          );
        })}
      </ul>
      {/* Shown once the list is in, so it does not jump down under the user's pointer as the list loads. */}
      {!list.isLoading && (
        <Button variant="outline" onClick={() => setCreating(true)}>
          <Plus aria-hidden /> Create Connection
        </Button>
      )}
      <ReconnectConnectionDialog projectId={projectId} connection={reconnecting} onOpenChange={(open) => !open && setReconnecting(null)} />
    </main>
  );
}
