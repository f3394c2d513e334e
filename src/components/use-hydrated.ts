"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React owns the page. Controls whose
 * behaviour lives in JavaScript (menus that open on pointerdown) render disabled until then: a
 * click on the server's HTML would otherwise be lost without a sign.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
