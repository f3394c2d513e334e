"use client";

import { useEffect, useState } from "react";
import { setEmbedAccessToken } from "@/trpc/embed-auth";

export type EmbedSessionState =
  | { kind: "loading" }
  | { kind: "ready"; projectId: string }
  | { kind: "error"; message: string };

interface Stored {
  accessToken: string;
  projectId: string;
  expiresAt: string;
  /** The one-time token it came from: a reload with the same URL reuses the session. */
  from: string;
}

const STORAGE_KEY = "cm-embed-session";

function readStored(token: string): Stored | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null") as Stored | null;
    return s && s.from === token && new Date(s.expiresAt).getTime() > Date.now() + 30_000 ? s : null;
  } catch {
    return null;
  }
}

/**
 * Spends the one-time token from the URL for a bearer access token kept in memory (and in this
 * frame's session storage, so reloading the picker is harmless).
 */
export function useEmbedSession(token: string | null): EmbedSessionState {
  const [state, setState] = useState<EmbedSessionState>({ kind: "loading" });
  useEffect(() => {
    let cancelled = false;
    async function run() {
      if (!token) return setState({ kind: "error", message: "This picker was opened without an embed token. Reopen it from the editor." });
      const stored = readStored(token);
      if (stored) {
        setEmbedAccessToken(stored.accessToken);
        return setState({ kind: "ready", projectId: stored.projectId });
      }
      const res = await fetch("/api/embed/session", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token }),
      });
      const body = (await res.json().catch(() => ({}))) as { accessToken?: string; projectId?: string; expiresAt?: string; message?: string };
      if (cancelled) return;
      if (!res.ok || !body.accessToken || !body.projectId || !body.expiresAt) {
        return setState({ kind: "error", message: body.message ?? "This embed link is not valid. Reopen the picker from the editor." });
      }
      const session: Stored = { accessToken: body.accessToken, projectId: body.projectId, expiresAt: body.expiresAt, from: token };
      try {
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
      } catch {
        // Storage can be unavailable in partitioned iframes: memory alone still works.
      }
      setEmbedAccessToken(session.accessToken);
      setState({ kind: "ready", projectId: session.projectId });
    }
    void run().catch(() => !cancelled && setState({ kind: "error", message: "Could not reach the server. Try again." }));
    return () => {
      cancelled = true;
    };
  }, [token]);
  return state;
}
