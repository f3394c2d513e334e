"use client";

import { cloneElement, useLayoutEffect, useRef, useState, type ReactElement, type ReactNode, type Ref } from "react";

// Menus, popovers and sheets that a page does not show on first paint load their Radix code when
// first wanted, not with the page. Until then the trigger is the same element without Radix: it
// says what it opens (aria-haspopup, aria-expanded, data-state), starts loading when the pointer or
// the focus comes to it, and a press that comes before the code opens the popup once it arrives.

type Loader<T> = () => Promise<T>;

const loaded = new WeakMap<Loader<unknown>, unknown>();
const loading = new WeakMap<Loader<unknown>, Promise<unknown>>();

function startLoading<T>(load: Loader<T>): Promise<T> {
  let promise = loading.get(load) as Promise<T> | undefined;
  if (!promise) {
    promise = load().then((value) => {
      loaded.set(load, value);
      return value;
    });
    loading.set(load, promise);
    // A failed load (the network) may be tried again by the next hover or press.
    promise.catch(() => loading.delete(load));
  }
  return promise;
}

/** The Radix trigger of a loaded popup: the trigger element (with its ref), and whether to open at once. */
export interface DeferredTrigger {
  trigger: ReactElement<{ ref?: Ref<HTMLElement> }>;
  /** A press came before the code: open the popup as it mounts. */
  openAtOnce: boolean;
}

interface DeferredPopupProps<T> {
  /** A stable function (module scope) importing the popup; the same function shares one load. */
  load: Loader<T>;
  trigger: ReactElement<Record<string, unknown>>;
  /** What the trigger opens: a menu opens on pointerdown and Enter/Space/ArrowDown, a dialog on click. */
  popup: "menu" | "dialog";
  render: (loaded: T, props: DeferredTrigger) => ReactNode;
  /** For a popup whose open state the caller holds: called by a press before the code, instead of openAtOnce. */
  onOpen?: () => void;
}

const MENU_KEYS = new Set(["Enter", " ", "ArrowDown"]);

export function DeferredPopup<T>({ load, trigger, popup, render, onOpen }: DeferredPopupProps<T>) {
  const [value, setValue] = useState<{ loaded: T } | null>(() => (loaded.has(load) ? { loaded: loaded.get(load) as T } : null));
  const [openAtOnce, setOpenAtOnce] = useState(false);
  const element = useRef<HTMLElement | null>(null);
  const hadFocus = useRef(false);

  useLayoutEffect(() => {
    // The Radix trigger replaces the plain one: keep the keyboard where it was.
    if (value && hadFocus.current && !openAtOnce) element.current?.focus({ preventScroll: true });
    hadFocus.current = false;
  }, [value, openAtOnce]);

  // The ref objects passed to cloneElement below are attached by React, not read during render.
  // eslint-disable-next-line react-hooks/refs
  if (value) return render(value.loaded, { trigger: cloneElement(trigger, { ref: element }), openAtOnce });

  const fetchPopup = (open: boolean) => {
    if (open && onOpen) onOpen();
    else if (open) setOpenAtOnce(true);
    void startLoading(load).then(
      (loadedValue) => {
        hadFocus.current = element.current !== null && element.current === document.activeElement;
        setValue({ loaded: loadedValue });
      },
      () => setOpenAtOnce(false),
    );
  };
  const props = trigger.props as Record<string, ((event: never) => void) | undefined>;
  // eslint-disable-next-line react-hooks/refs
  return cloneElement(trigger, {
    ref: element,
    "aria-haspopup": popup,
    "aria-expanded": false,
    "data-state": "closed",
    onPointerEnter: (event: React.PointerEvent) => {
      props.onPointerEnter?.(event as never);
      if (event.pointerType === "mouse") fetchPopup(false);
    },
    onFocus: (event: React.FocusEvent) => {
      props.onFocus?.(event as never);
      fetchPopup(false);
    },
    onPointerDown: (event: React.PointerEvent) => {
      props.onPointerDown?.(event as never);
      if (popup === "menu" && event.button === 0 && !event.ctrlKey) {
        event.preventDefault();
        fetchPopup(true);
      }
    },
    onKeyDown: (event: React.KeyboardEvent) => {
      props.onKeyDown?.(event as never);
      if (popup === "menu" && MENU_KEYS.has(event.key)) {
        event.preventDefault();
        fetchPopup(true);
      }
    },
    onClick: (event: React.MouseEvent) => {
      props.onClick?.(event as never);
      if (popup === "dialog") fetchPopup(true);
    },
  });
}
