"use client";

import { useState } from "react";

/**
 * True from the first render where `open` is true, and from then on: a dialog whose code is
 * loaded when first opened (next/dynamic) stays mounted afterwards, so it animates its closing
 * and opens again at once.
 */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open;
}
