"use client";

import { useEffect } from "react";

/**
 * Marks <html data-hydrated> once the page is interactive: a signal for tests and tooling that
 * the buttons on screen now do what they say (before, they are server HTML without handlers).
 */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
