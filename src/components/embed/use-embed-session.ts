"use client";

import { useEffect, useState } from "react";
import { setEmbedAccessToken } from "@/trpc/embed-auth";

export type EmbedSessionState = { kind: "loading" } | { kind: "ready"; projectId: string } | { kind: "error"; message: string };

interface Stored {
  accessToken: string;
  projectId: string;
  expiresAt: string;
  /** The one-time token it came from: a reload with the same URL reuses the session. */
  from: string;
}

const STORAGE_KEY = "cm-embed-session";
const HASH_KEY = "session";

function usable(s: Stored | null, token: string): Stored | null {
  return s && s.from === token && typeof s.accessToken === "string" && new Date(s.expiresAt).getTime() > Date.now() + 30_000 ? s : null;
}

function readStored(token: string): Stored | null {
  try {
    const stored = usable(JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null") as Stored | null, token);
    if (stored) return stored;
  } catch {
    // Third-party frames are often denied storage: the URL fragment below is the fallback.
  }
  try {
    const encoded = new URLSearchParams(window.location.hash.slice(1)).get(HASH_KEY);
    return encoded ? usable(JSON.parse(atob(encoded)) as Stored, token) : null;
  } catch {
    return null;
  }
}

/**
 * Keeps the session where a reload of this frame finds it: session storage when the browser
 * allows it in a third-party frame, and the URL fragment (never sent to any server, not readable
 * by the cross-origin host) in any case.
 */
function keep(session: Stored) {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // Denied in this frame: the fragment alone does it.
  }
  const hash = new URLSearchParams({ [HASH_KEY]: btoa(JSON.stringify(session)) });
  window.history.replaceState(window.history.state, "", `${window.location.pathname}${window.location.search}#${hash.toString()}`);
}

/**
 * Spends the one-time token from the URL for a bearer access token kept in memory (and where a
 * reload of this frame finds it again, so reloading the picker is harmless).
 */
export function useEmbedSession(token: string | null | undefined): EmbedSessionState {
  const [state, setState] = useState<EmbedSessionState>({ kind: "loading" });
  useEffect(() => {
    let cancelled = false;
    async function run() {
      if (token === undefined) return;
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
      keep(session);
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
