"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { OAuthCallbackRelayMessage, OAuthResultMessage } from "@/schemas/oauth";
import type { ConnectionDto } from "@/server/connections/dto";
import { useTRPC } from "@/trpc/react";

export type OAuthPhase = "idle" | "starting" | "waiting" | "finishing";

export interface OAuthStartFields {
  pieceName?: string;
  displayName?: string;
  props?: Record<string, unknown>;
}

interface Options {
  projectId: string;
  /** Reconnect this connection instead of creating one. */
  connectionId?: string;
  onConnected: (connection: ConnectionDto) => void;
  /** The popup was closed or the provider refused: the connection exists but was not authorized. */
  onMissing: (connection: ConnectionDto, message: string | null) => void;
}

const POPUP_FEATURES = "popup=yes,width=540,height=720";
const CLOSED_POLL_MS = 400;
const CLOSED_GRACE_MS = 1_000;

function messageOf(data: unknown): OAuthResultMessage | OAuthCallbackRelayMessage | null {
  const type = typeof data === "object" && data !== null ? (data as { type?: unknown }).type : null;
  return type === "oauth-result" || type === "oauth-callback" ? (data as OAuthResultMessage | OAuthCallbackRelayMessage) : null;
}

/**
 * Runs an OAuth2 authorization in a popup: opens it within the click (so it is not blocked),
 * starts the authorization on the server, then listens for the callback page's message, from our
 * own origin and that popup only. A blocked popup falls back to a full-page redirect that comes
 * back to this page.
 */
export function useOAuthPopup({ projectId, connectionId, onConnected, onMissing }: Options) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<OAuthPhase>("idle");
  // Once started the connection exists (Missing): later attempts reconnect it instead of duplicating it.
  const [targetId, setTargetId] = useState(connectionId);
  const popupRef = useRef<Window | null>(null);
  const stopWatching = useRef<() => void>(() => {});
  const callbacks = useRef({ onConnected, onMissing });
  useEffect(() => {
    callbacks.current = { onConnected, onMissing };
  }, [onConnected, onMissing]);
  useEffect(() => () => stopWatching.current(), []);

  const start = useMutation(trpc.oauth.start.mutationOptions());
  const complete = useMutation(trpc.oauth.complete.mutationOptions());

  const finish = useCallback(
    async (started: ConnectionDto, result: OAuthResultMessage | null) => {
      stopWatching.current();
      setPhase("finishing");
      try {
        const options = trpc.connection.get.queryOptions({ projectId, connectionId: started.id });
        const connection = await queryClient.fetchQuery({ ...options, staleTime: 0 });
        await queryClient.invalidateQueries({ queryKey: trpc.connection.pathKey() });
        // Closed without a message (e.g. it could not be delivered): the server knows whether it worked.
        const authorized = result ? result.ok : connection.status === "ACTIVE" && connection.updatedAt > started.updatedAt;
        if (authorized) callbacks.current.onConnected(connection);
        else callbacks.current.onMissing(connection, result?.error ?? null);
      } finally {
        setPhase("idle");
      }
    },
    [projectId, queryClient, trpc],
  );

  const watch = useCallback(
    (popup: Window, started: ConnectionDto) => {
      const onMessage = async (event: MessageEvent) => {
        const message = messageOf(event.data);
        if (event.origin !== window.location.origin || event.source !== popup || !message) return;
        if (message.type === "oauth-result") return void finish(started, message);
        // The popup had no session here (embedded): complete it with this window's own sign-in.
        stopWatching.current();
        setPhase("finishing");
        const outcome = await complete.mutateAsync({ projectId, query: message.query }).catch((err: Error) => ({ ok: false, error: err.message }));
        void finish(started, { type: "oauth-result", ok: outcome.ok, connectionId: started.id, ...(outcome.error ? { error: outcome.error } : {}) });
      };
      // The callback page posts its message and closes itself at once: the close can be seen
      // before the message arrives, so a closed popup gets a grace period to deliver it.
      let grace = 0;
      const timer = window.setInterval(() => {
        if (!popup.closed || grace) return;
        window.clearInterval(timer);
        grace = window.setTimeout(() => void finish(started, null), CLOSED_GRACE_MS);
      }, CLOSED_POLL_MS);
      const listener = (event: MessageEvent) => void onMessage(event);
      window.addEventListener("message", listener);
      stopWatching.current = () => {
        window.removeEventListener("message", listener);
        window.clearInterval(timer);
        window.clearTimeout(grace);
        stopWatching.current = () => {};
      };
    },
    [complete, finish, projectId],
  );

  const connect = useCallback(
    async (fields: OAuthStartFields) => {
      const open = popupRef.current;
      if (phase === "waiting" && open && !open.closed) return open.focus();
      const popup = window.open("about:blank", "oauth-authorization", POPUP_FEATURES);
      popupRef.current = popup;
      setPhase("starting");
      try {
        const started = await start.mutateAsync({
          projectId,
          ...(targetId ? { connectionId: targetId, props: fields.props } : fields),
          ...(popup ? { mode: "popup" as const } : { mode: "redirect" as const, returnTo: `${window.location.pathname}${window.location.search}` }),
        });
        setTargetId(started.connection.id);
        if (!started.authorizeUrl) {
          // Client credentials: connected at once, nothing to consent to.
          popup?.close();
          await queryClient.invalidateQueries({ queryKey: trpc.connection.pathKey() });
          setPhase("idle");
          return callbacks.current.onConnected(started.connection);
        }
        if (!popup) return window.location.assign(started.authorizeUrl);
        popup.location.href = started.authorizeUrl;
        setPhase("waiting");
        watch(popup, started.connection);
      } catch {
        // The mutation's error is shown by the caller; nothing was opened at the provider.
        popup?.close();
        setPhase("idle");
      }
    },
    [phase, projectId, queryClient, start, targetId, trpc, watch],
  );

  const focusPopup = useCallback(() => popupRef.current?.focus(), []);

  return { connect, phase, focusPopup, startError: start.error, resetStartError: start.reset, connectionId: targetId };
}
