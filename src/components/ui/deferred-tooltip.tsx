"use client";

import { cloneElement, useLayoutEffect, useRef, useState, type ReactElement, type ReactNode, type Ref } from "react";

// Radix's tooltip with its positioning engine is about 20 KiB gzip, and a table shows dozens of
// tooltips that most visits never hover. Until a pointer or the keyboard comes to its trigger, the
// trigger renders alone; then the tooltip's code loads (once for all of them) and the trigger is
// wrapped in the real tooltip, open at once while the pointer or the focus is still on it.
// The wrapped trigger is a new element: a press that began on the old one is let finish first
// (else its click would be lost), and the focus moves to the new one.

type TooltipModule = typeof import("./tooltip");

let tooltipModule: TooltipModule | null = null;
let loading: Promise<TooltipModule> | null = null;

function loadTooltip(): Promise<TooltipModule> {
  loading ??= import("./tooltip").then(
    (m) => (tooltipModule = m),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

interface DeferredTooltipProps {
  /** The trigger: one element that takes a ref and event handlers (a button, a focusable text). */
  children: ReactElement<{ ref?: Ref<HTMLElement> } & React.DOMAttributes<HTMLElement>>;
  content: ReactNode;
  contentClassName?: string;
}

export function DeferredTooltip({ children, content, contentClassName }: DeferredTooltipProps) {
  const [wrapped, setWrapped] = useState<{ module: TooltipModule; openAtOnce: boolean } | null>(() =>
    tooltipModule ? { module: tooltipModule, openAtOnce: false } : null,
  );
  const element = useRef<HTMLElement | null>(null);
  const pointer = useRef({ hovered: false, focused: false, pressed: false, pressedSinceEnter: false });
  const refocus = useRef(false);

  useLayoutEffect(() => {
    if (wrapped && refocus.current) element.current?.focus({ preventScroll: true });
    refocus.current = false;
  }, [wrapped]);

  if (wrapped) {
    const { Tooltip, TooltipContent, TooltipTrigger } = wrapped.module;
    return (
      <Tooltip defaultOpen={wrapped.openAtOnce}>
        <TooltipTrigger asChild>{cloneElement(children, { ref: element })}</TooltipTrigger>
        <TooltipContent className={contentClassName}>{content}</TooltipContent>
      </Tooltip>
    );
  }

  const wrap = () => {
    const s = pointer.current;
    const active = document.activeElement;
    const hasFocus = element.current !== null && active === element.current;
    // Not mid-press (its click would be lost), nor while focus is elsewhere (a dialog this trigger
    // opened would give the focus back to the element replaced here).
    if (!tooltipModule || s.pressed || !(s.hovered || s.focused) || (active && active !== document.body && !hasFocus)) return;
    refocus.current = hasFocus;
    // As Radix does: a press closes the tooltip, and it stays closed until the pointer comes back.
    setWrapped({ module: tooltipModule, openAtOnce: s.focused || (s.hovered && !s.pressedSinceEnter) });
  };
  const want = () => void loadTooltip().then(wrap, () => {});
  const own = children.props as Partial<Record<string, (event: React.SyntheticEvent) => void>>;
  // The ref object is attached by React, not read during render (as in the branch above).
  // eslint-disable-next-line react-hooks/refs
  return cloneElement(children, {
    ref: element,
    onPointerEnter: (event: React.PointerEvent) => {
      own.onPointerEnter?.(event);
      // Radix opens tooltips for a mouse or a pen, never for a touch.
      if (event.pointerType === "touch") return;
      pointer.current.hovered = true;
      pointer.current.pressedSinceEnter = false;
      want();
    },
    onPointerLeave: (event: React.PointerEvent) => {
      own.onPointerLeave?.(event);
      pointer.current.hovered = false;
      pointer.current.pressed = false;
    },
    onPointerDown: (event: React.PointerEvent) => {
      own.onPointerDown?.(event);
      pointer.current.pressed = true;
      pointer.current.pressedSinceEnter = true;
    },
    onPointerUp: (event: React.PointerEvent) => {
      own.onPointerUp?.(event);
      pointer.current.pressed = false;
      // Once the click that follows this pointerup has reached the element.
      setTimeout(wrap, 0);
    },
    onFocus: (event: React.FocusEvent) => {
      own.onFocus?.(event);
      // Focus that comes with a press does not open a tooltip (nor does it in Radix).
      if (pointer.current.pressed) return;
      pointer.current.focused = true;
      want();
    },
    onBlur: (event: React.FocusEvent) => {
      own.onBlur?.(event);
      pointer.current.focused = false;
    },
  });
}
