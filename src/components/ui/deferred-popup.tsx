"use client";

import { cloneElement, useLayoutEffect, useRef, useState, type ReactElement, type ReactNode, type Ref } from "react";
import { flushSync } from "react-dom";

// Menus, popovers and sheets that a page does not show on first paint load their Radix code when
// first wanted, not with the page. Until then the trigger is the same element without Radix: it
// says what it opens (type, aria-haspopup, aria-expanded, data-state, as Radix sets them), starts
// loading when the pointer or the focus comes to it, and a press that comes before the code opens
// the popup once it arrives.

type Loader<T> = () => Promise<T>;

const loaded = new WeakMap<Loader<unknown>, { value: unknown }>();
const loading = new WeakMap<Loader<unknown>, Promise<unknown>>();

function startLoading<T>(load: Loader<T>): Promise<T> {
  let promise = loading.get(load) as Promise<T> | undefined;
  if (!promise) {
    promise = load().then((value) => {
      loaded.set(load, { value });
      return value;
    });
    loading.set(load, promise);
    // A failed load (the network) may be tried again by the next hover or press.
    promise.catch(() => loading.delete(load));
  }
  return promise;
}

/** What a loaded popup gets: the trigger element for its Radix trigger, and whether to open at once. */
export interface DeferredTrigger {
  trigger: ReactElement<{ ref?: Ref<HTMLElement> }>;
  /** A press came before the code: open the popup as it mounts. */
  openAtOnce: boolean;
}

interface DeferredPopupProps<T> {
  /** A stable function (module scope) importing the popup; the same function shares one load. */
  load: Loader<T>;
  trigger: ReactElement<{ ref?: Ref<HTMLElement> } & React.DOMAttributes<HTMLElement>>;
  /** What the trigger opens: a menu opens on pointerdown and Enter/Space/ArrowDown, a dialog on click. */
  popup: "menu" | "dialog";
  render: (loaded: T, props: DeferredTrigger) => ReactNode;
  /** For a popup whose open state the caller holds: called by a press before the code, instead of openAtOnce. */
  onOpen?: () => void;
}

const MENU_KEYS = new Set(["Enter", " ", "ArrowDown"]);

function Loaded<T>({
  value,
  render,
  trigger,
  openAtOnce,
  refocus,
}: {
  value: T;
  render: DeferredPopupProps<T>["render"];
  trigger: ReactElement<{ ref?: Ref<HTMLElement> }>;
  openAtOnce: boolean;
  refocus: boolean;
}) {
  const element = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    // The Radix trigger replaced the plain one that had the focus: the focus goes with it.
    if (refocus) element.current?.focus({ preventScroll: true });
  }, [refocus]);
  // cloneElement attaches the ref object; nothing reads it during render.
  // eslint-disable-next-line react-hooks/refs
  return render(value, { trigger: cloneElement(trigger, { ref: element }), openAtOnce });
}

export function DeferredPopup<T>({ load, trigger, popup, render, onOpen }: DeferredPopupProps<T>) {
  const [ready, setReady] = useState<{ value: T; openAtOnce: boolean; refocus: boolean } | null>(() => {
    const cached = loaded.get(load);
    return cached ? { value: cached.value as T, openAtOnce: false, refocus: false } : null;
  });
  const state = useRef({ element: null as HTMLElement | null, pressed: false, openAtOnce: false });

  if (ready) return <Loaded value={ready.value} render={render} trigger={trigger} openAtOnce={ready.openAtOnce} refocus={ready.refocus} />;

  const swap = () => {
    const s = state.current;
    const cached = loaded.get(load);
    // A dialog trigger opens on click: a press under way finishes on this element first.
    if (!cached || (s.pressed && popup === "dialog")) return;
    const refocus = s.element !== null && s.element === document.activeElement && !s.openAtOnce;
    // Now, not at React's leisure: a press starting meanwhile would begin on the replaced element.
    flushSync(() => setReady({ value: cached.value as T, openAtOnce: s.openAtOnce, refocus }));
  };
  const want = (open: boolean) => {
    if (open && onOpen) onOpen();
    else if (open) state.current.openAtOnce = true;
    if (loaded.has(load)) swap();
    else startLoading(load).then(swap, () => (state.current.openAtOnce = false));
  };
  const own = trigger.props;
  // The ref callback and handlers below use `state` when events come, not during render.
  /* eslint-disable react-hooks/refs */
  return cloneElement(trigger, {
    ref: (node: HTMLElement | null) => {
      state.current.element = node;
    },
    type: "button",
    "aria-haspopup": popup,
    "aria-expanded": false,
    "data-state": "closed",
    onPointerEnter: (event: React.PointerEvent<HTMLElement>) => {
      own.onPointerEnter?.(event);
      if (event.pointerType === "mouse") want(false);
    },
    onFocus: (event: React.FocusEvent<HTMLElement>) => {
      own.onFocus?.(event);
      if (!state.current.pressed) want(false);
    },
    onPointerDown: (event: React.PointerEvent<HTMLElement>) => {
      own.onPointerDown?.(event);
      if (popup === "menu" && event.button === 0 && !event.ctrlKey) {
        // As Radix's menu trigger: it opens on pointerdown, without focusing the trigger first.
        event.preventDefault();
        want(true);
      } else state.current.pressed = true;
    },
    onPointerUp: (event: React.PointerEvent<HTMLElement>) => {
      own.onPointerUp?.(event);
      state.current.pressed = false;
      // Once the click that follows this pointerup has reached the element.
      setTimeout(swap, 0);
    },
    onKeyDown: (event: React.KeyboardEvent<HTMLElement>) => {
      own.onKeyDown?.(event);
      if (popup === "menu" && MENU_KEYS.has(event.key)) {
        event.preventDefault();
        want(true);
      }
    },
    onClick: (event: React.MouseEvent<HTMLElement>) => {
      own.onClick?.(event);
      if (popup === "dialog") want(true);
    },
  } as Record<string, unknown>);
  /* eslint-enable react-hooks/refs */
}
