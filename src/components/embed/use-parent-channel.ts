"use client";

import { useCallback, useEffect, useMemo, useRef } from "react";
import { envelope, isAllowedOrigin, normaliseOrigin, parseHostMessage, type HostToPicker, type PickerToHost } from "@/lib/embed/protocol";

/** The embedding page's origin as the browser reports it; null when not framed. */
function detectParentOrigin(): string | null {
  if (typeof window === "undefined" || window.parent === window) return null;
  const ancestors = (window.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  if (ancestors && ancestors.length > 0) return normaliseOrigin(ancestors[0]!);
  return document.referrer ? normaliseOrigin(document.referrer) : null;
}

/**
 * Talks to the host only when its origin is allowed: messages go to that exact origin, and
 * incoming ones are accepted from allowed origins only.
 */
export function useParentChannel(allowedOrigins: string[], onMessage: (m: HostToPicker) => void) {
  const parentOrigin = useMemo(() => detectParentOrigin(), []);
  const allowed = parentOrigin !== null && isAllowedOrigin(parentOrigin, allowedOrigins);
  const handler = useRef(onMessage);
  useEffect(() => {
    handler.current = onMessage;
  });

  const send = useCallback(
    (message: PickerToHost) => {
      if (allowed && parentOrigin) window.parent.postMessage(envelope(message), parentOrigin);
    },
    [allowed, parentOrigin],
  );

  useEffect(() => {
    if (!allowed) return;
    const listen = (event: MessageEvent) => {
      if (event.source !== window.parent) return;
      const message = parseHostMessage(event, allowedOrigins);
      if (message) handler.current(message);
    };
    window.addEventListener("message", listen);
    return () => window.removeEventListener("message", listen);
  }, [allowed, allowedOrigins]);

  return { parentOrigin, allowed, send };
}

/** Reports the content height so the host can size the iframe without scrollbars. */
export function useReportHeight(send: (m: PickerToHost) => void, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    let last = 0;
    const report = () => {
      const height = Math.ceil(document.documentElement.scrollHeight);
      if (height !== last) {
        last = height;
        send({ type: "resize", height });
      }
    };
    const observer = new ResizeObserver(report);
    observer.observe(document.body);
    report();
    return () => observer.disconnect();
  }, [send, enabled]);
}
