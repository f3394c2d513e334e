"use client";

import { ShieldAlert } from "lucide-react";
import { useState } from "react";
import { getPiece } from "@/pieces";
import type { HostToPicker } from "@/lib/embed/protocol";
import { EmbedConnectionList } from "./embed-connection-list";
import { useEmbedSession } from "./use-embed-session";
import { useParentChannel, useReportHeight } from "./use-parent-channel";

export function EmbedProblem({ title, message }: { title: string; message: string }) {
  return (
    <main className="flex min-h-40 flex-col items-center justify-center gap-2 p-6 text-center">
      <ShieldAlert className="size-8 text-destructive" aria-hidden />
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="max-w-md text-sm text-muted-foreground">{message}</p>
    </main>
  );
}

/** The connection picker the workflow editor embeds for one step's app. */
export function EmbedPicker(props: { token: string | null; pieceName: string | null; allowedOrigins: string[] }) {
  const [pieceName, setPieceName] = useState(props.pieceName);
  const [selected, setSelected] = useState<string | null>(null);
  const onHostMessage = (m: HostToPicker) => {
    if (m.type === "select-piece") setPieceName(m.pieceName);
    if (m.type === "set-selected") setSelected(m.externalId);
  };
  const channel = useParentChannel(props.allowedOrigins, onHostMessage);
  // Not started (undefined) until the parent is known to be allowed: no token is spent for a frame that cannot use it.
  const session = useEmbedSession(channel.allowed ? props.token : undefined);
  useReportHeight(channel.send, channel.allowed && session.kind !== "loading");

  if (!channel.known)
    return (
      <p className="p-6 text-sm text-muted-foreground" role="status">
        Opening the connection picker…
      </p>
    );
  if (!channel.allowed) {
    return (
      <EmbedProblem
        title="This picker only works inside the workflow editor"
        message="It must be embedded by an editor whose origin is allowed in this installation's EMBED_ALLOWED_ORIGINS."
      />
    );
  }
  if (session.kind === "loading")
    return (
      <p className="p-6 text-sm text-muted-foreground" role="status">
        Opening the connection picker…
      </p>
    );
  if (session.kind === "error") return <EmbedProblem title="Cannot open the connection picker" message={session.message} />;
  const piece = pieceName ? getPiece(pieceName) : undefined;
  if (!piece) return <EmbedProblem title="Unknown app" message={`“${pieceName ?? ""}” is not an app in the catalogue.`} />;
  if (piece.auths.length === 0) return <EmbedProblem title={`${piece.displayName} needs no connection`} message="This step can run without one." />;

  return (
    <EmbedConnectionList
      key={piece.name}
      projectId={session.projectId}
      piece={piece}
      selected={selected}
      onSelect={(c) => {
        setSelected(c.externalId);
        channel.send({ type: "connection-selected", connection: c });
      }}
      onCreated={(c) => {
        setSelected(c.externalId);
        channel.send({ type: "connection-created", connection: c });
        channel.send({ type: "connection-selected", connection: c });
      }}
      onClose={() => channel.send({ type: "close" })}
      onReady={() => channel.send({ type: "ready", pieceName: piece.name })}
    />
  );
}
