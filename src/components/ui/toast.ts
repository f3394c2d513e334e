"use client";

import { useSyncExternalStore } from "react";
import type { toast as sonnerToast } from "sonner";

// sonner (its toaster and its toast store) is about 10 KiB gzip that no page needs until it says
// something: the first toast loads it and mounts the Toaster (LazyToaster in the root layout).
// sonner replays the toasts it already holds when its Toaster subscribes, so none is lost.

type ToastKind = "success" | "error" | "warning" | "info";
type ToastArgs = Parameters<typeof sonnerToast.success>;

let sonner: Promise<typeof import("sonner")> | null = null;
const subscribers = new Set<() => void>();

function loadSonner() {
  if (!sonner) {
    sonner = import("sonner");
    for (const notify of subscribers) notify();
  }
  return sonner;
}

function show(kind: ToastKind) {
  return (...args: ToastArgs): void => {
    void loadSonner().then(({ toast }) => toast[kind](...args));
  };
}

export const toast = { success: show("success"), error: show("error"), warning: show("warning"), info: show("info") };

function subscribe(notify: () => void) {
  subscribers.add(notify);
  return () => void subscribers.delete(notify);
}

/** True once a toast has been asked for: from then on the Toaster is mounted. */
export function useToastsWanted(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => sonner !== null,
    () => false,
  );
}
