"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleAlert, ExternalLink, KeyRound, Loader2 } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ConnectionDto } from "@/server/connections/dto";
import { useTRPC } from "@/trpc/react";
import { checkBeforePopup } from "./check-before-popup";
import { CopyValueButton } from "./copy-value-button";
import { useOAuthPopup } from "./use-oauth-popup";

export interface OAuthConnectProps {
  projectId: string;
  pieceName: string;
  /** The new connection's name; ignored when reconnecting. */
  displayName?: string;
  /** Fields asked before authorizing (a custom app's endpoints and client), as the form holds them. */
  props?: Record<string, unknown>;
  /** Reconnect this connection instead of creating one. */
  connectionId?: string;
  label?: string;
  disabled?: boolean;
  onConnected: (connection: ConnectionDto) => void;
  onMissing?: (connection: ConnectionDto) => void;
  /** Errors from starting (e.g. a name already taken, a field missing) for the form to place on its fields; null when cleared. */
  onStartError?: (error: unknown) => void;
}

/**
 * The Connect button of an OAuth2 connection form: authorizes in a popup and reports back. It
 * says up front when no OAuth app is configured, and shows the redirect URL for custom apps.
 */
export function OAuthConnect(props: OAuthConnectProps) {
  const { projectId, pieceName, connectionId, onConnected, onMissing, onStartError } = props;
  const trpc = useTRPC();
  const status = useQuery(trpc.oauth.clientStatus.queryOptions({ projectId, pieceName }));
  const [problem, setProblem] = useState<string | null>(null);
  const oauth = useOAuthPopup({
    projectId,
    connectionId,
    onConnected: (connection) => {
      setProblem(null);
      onConnected(connection);
    },
    onMissing: (connection, message) => {
      setProblem(
        message ??
          (connection.status === "MISSING"
            ? "The authorization was not finished, so the connection is saved as Missing. Connect again to finish it."
            : "The authorization was not finished; nothing changed."),
      );
      onMissing?.(connection);
    },
  });

  const [invalid, setInvalid] = useState<Error | null>(null);
  const click = async () => {
    setProblem(null);
    oauth.resetStartError();
    const found = checkBeforePopup({ pieceName, displayName: props.displayName, props: props.props, reconnect: Boolean(connectionId) });
    setInvalid(found);
    if (found) return;
    await oauth.connect({ pieceName, displayName: props.displayName, props: props.props });
  };
  const startError = invalid ?? oauth.startError;
  useEffect(() => {
    onStartError?.(startError ?? null);
  }, [startError, onStartError]);

  const data = status.data;
  const busy = oauth.phase !== "idle";
  const noClient = data && !data.ready;
  return (
    <div className="grid gap-3">
      {data?.source === "connection" && data.grantType === "authorization_code" && (
        <div className="grid gap-1 text-sm">
          <span className="font-medium">Redirect URL</span>
          <span className="text-muted-foreground">Register this exact URL with the provider for your app.</span>
          <div className="flex items-center gap-2">
            <code className="min-w-0 flex-1 truncate rounded bg-muted px-2 py-1 font-mono text-xs">{data.redirectUri}</code>
            <CopyValueButton value={data.redirectUri} label="Copy redirect URL" />
          </div>
        </div>
      )}
      {noClient && (
        <p role="alert" className="flex gap-2 rounded-md border border-warning/50 bg-warning/10 p-3 text-sm">
          <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
          {data.message}
        </p>
      )}
      {(problem || (startError && !onStartError)) && (
        <p role="alert" className="flex gap-2 rounded-md border border-destructive/50 bg-destructive/10 p-3 text-sm">
          <CircleAlert className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
          {problem ?? startError?.message}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" onClick={() => void click()} disabled={props.disabled || busy || noClient || status.isLoading}>
          {busy ? <Loader2 className="animate-spin" aria-hidden /> : <KeyRound aria-hidden />}
          {props.label ?? "Connect"}
        </Button>
        {oauth.phase === "waiting" && (
          <span role="status" className="flex items-center gap-2 text-sm text-muted-foreground">
            Waiting for you to authorize in the popup window…
            <Button type="button" variant="link" size="sm" className="h-auto p-0" onClick={oauth.focusPopup}>
              Show it
              <ExternalLink aria-hidden />
            </Button>
          </span>
        )}
      </div>
    </div>
  );
}
