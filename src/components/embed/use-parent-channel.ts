"use client";

import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import { envelope, isAllowedOrigin, normaliseOrigin, parseHostMessage, type HostToPicker, type PickerToHost } from "@/lib/embed/protocol";

/** The embedding page's origin as the browser reports it; null when not framed. */
function detectParentOrigin(): string | null {
  if (typeof window === "undefined" || window.parent === window) return null;
  const ancestors = (window.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  if (ancestors && ancestors.length > 0) return normaliseOrigin(ancestors[0]!);
  return document.referrer ? normaliseOrigin(document.referrer) : null;
}

const noSubscription = () => () => {};
const unknownOnServer = (): string | null | undefined => undefined;

/**
 * Talks to the host only when its origin is allowed: messages go to that exact origin, and
 * incoming ones are accepted from allowed origins only.
 */
export function useParentChannel(allowedOrigins: string[], onMessage: (m: HostToPicker) => void) {
  // Unknown (undefined) while the server renders and during hydration, so both render the same.
  const parentOrigin = useSyncExternalStore(noSubscription, detectParentOrigin, unknownOnServer);
  const known = parentOrigin !== undefined;
  const allowed = !!parentOrigin && isAllowedOrigin(parentOrigin, allowedOrigins);
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

  return { parentOrigin, known, allowed, send };
}

/** The height the host should give the iframe: the page, or an open dialog if that is taller. */
function contentHeight(): number {
  let height = document.documentElement.scrollHeight;
  for (const dialog of document.querySelectorAll<HTMLElement>('[role="dialog"], [role="alertdialog"]')) {
    height = Math.max(height, dialog.scrollHeight + 64);
  }
  return Math.ceil(height);
}

/** Reports the content height so the host can size the iframe without scrollbars or clipped dialogs. */
export function useReportHeight(send: (m: PickerToHost) => void, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    let last = 0;
    let frame = 0;
    const report = () => {
      frame = 0;
      const height = contentHeight();
      if (height !== last) {
        last = height;
        send({ type: "resize", height });
      }
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(report);
    };
    const resized = new ResizeObserver(schedule);
    resized.observe(document.body);
    // Dialogs are portalled, fixed-position children of <body>: they change no size ResizeObserver sees.
    const mutated = new MutationObserver(schedule);
    mutated.observe(document.body, { childList: true });
    report();
    return () => {
      resized.disconnect();
      mutated.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [send, enabled]);
}
