"use client";

import { cloneElement, useEffect, useLayoutEffect, useRef, useState, type ReactElement, type ReactNode, type Ref } from "react";
import { flushSync } from "react-dom";

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

interface Wrapping {
  /** Open as it mounts: the pointer or the keyboard is on the trigger. */
  openAtOnce: boolean;
  /** The pointer is on the trigger (it has not entered the new element yet). */
  hovered: boolean;
  /** The replaced trigger had the focus. */
  refocus: boolean;
}

function WrappedTooltip({ module, wrapping, children, content, contentClassName }: DeferredTooltipProps & { module: TooltipModule; wrapping: Wrapping }) {
  const { Tooltip, TooltipContent, TooltipTrigger } = module;
  const trigger = useRef<HTMLElement | null>(null);
  const [open, setOpen] = useState(wrapping.openAtOnce);
  // A trigger put under a pointer that has not moved since never saw it enter, so would not see it
  // leave either: until the pointer moves onto it, moving elsewhere closes the tooltip.
  const [watchPointer, setWatchPointer] = useState(wrapping.openAtOnce && wrapping.hovered);

  useLayoutEffect(() => {
    if (wrapping.refocus) trigger.current?.focus({ preventScroll: true });
  }, [wrapping.refocus]);

  useEffect(() => {
    if (!watchPointer) return;
    const onMove = (event: PointerEvent) => {
      const target = event.target instanceof Node ? event.target : null;
      if (target && trigger.current?.contains(target)) return setWatchPointer(false);
      if (target && document.querySelector("[data-slot=tooltip-content]")?.contains(target)) return;
      setOpen(false);
      setWatchPointer(false);
    };
    document.addEventListener("pointermove", onMove);
    return () => document.removeEventListener("pointermove", onMove);
  }, [watchPointer]);

  return (
    <Tooltip open={open} onOpenChange={setOpen}>
      <TooltipTrigger asChild>{cloneElement(children, { ref: trigger })}</TooltipTrigger>
      <TooltipContent className={contentClassName}>{content}</TooltipContent>
    </Tooltip>
  );
}

export function DeferredTooltip({ children, content, contentClassName }: DeferredTooltipProps) {
  const [wrapping, setWrapping] = useState<Wrapping | null>(() => (tooltipModule ? { openAtOnce: false, hovered: false, refocus: false } : null));
  const pointer = useRef({ hovered: false, focused: false, pressed: false, pressedSinceEnter: false, element: null as HTMLElement | null });

  if (wrapping && tooltipModule) {
    return (
      <WrappedTooltip module={tooltipModule} wrapping={wrapping} content={content} contentClassName={contentClassName}>
        {children}
      </WrappedTooltip>
    );
  }

  const wrap = () => {
    const s = pointer.current;
    const active = document.activeElement;
    const hasFocus = s.element !== null && active === s.element;
    // Not mid-press (its click would be lost), nor while the focus is elsewhere (a dialog this
    // trigger opened gives the focus back to the element it came from when it closes).
    if (!tooltipModule || s.pressed || !(s.hovered || s.focused) || (active && active !== document.body && !hasFocus)) return;
    // As in Radix: a press closes the tooltip until the pointer comes back; focus from a press opens none.
    const openAtOnce = s.focused || (s.hovered && !s.pressedSinceEnter);
    // Now, not at React's leisure: a press starting meanwhile would begin on the replaced element.
    flushSync(() => setWrapping({ openAtOnce, hovered: s.hovered, refocus: hasFocus }));
  };
  const want = () => {
    if (tooltipModule) wrap();
    else loadTooltip().then(wrap, () => {});
  };
  const own = children.props;
  // The ref callbacks and handlers below read and write `pointer` when events come, not during render.
  /* eslint-disable react-hooks/refs */
  return cloneElement(children, {
    ref: (node: HTMLElement | null) => {
      pointer.current.element = node;
    },
    onPointerEnter: (event: React.PointerEvent<HTMLElement>) => {
      own.onPointerEnter?.(event);
      // Radix opens tooltips for a mouse or a pen, never for a touch.
      if (event.pointerType === "touch") return;
      pointer.current.hovered = true;
      pointer.current.pressedSinceEnter = false;
      want();
    },
    onPointerLeave: (event: React.PointerEvent<HTMLElement>) => {
      own.onPointerLeave?.(event);
      pointer.current.hovered = false;
      pointer.current.pressed = false;
    },
    onPointerDown: (event: React.PointerEvent<HTMLElement>) => {
      own.onPointerDown?.(event);
      pointer.current.pressed = true;
      pointer.current.pressedSinceEnter = true;
    },
    onPointerUp: (event: React.PointerEvent<HTMLElement>) => {
      own.onPointerUp?.(event);
      pointer.current.pressed = false;
      // Once the click that follows this pointerup has reached the element.
      setTimeout(wrap, 0);
    },
    onFocus: (event: React.FocusEvent<HTMLElement>) => {
      own.onFocus?.(event);
      if (pointer.current.pressed) return;
      pointer.current.focused = true;
      want();
    },
    onBlur: (event: React.FocusEvent<HTMLElement>) => {
      own.onBlur?.(event);
      pointer.current.focused = false;
    },
  });
  /* eslint-enable react-hooks/refs */
}
