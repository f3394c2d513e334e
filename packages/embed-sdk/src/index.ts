/**
 * The embed SDK: opens the connection picker (an iframe served by the Connections manager) on the
 * workflow editor's page, and hands back the connection the user chose or created.
 *
 *   const connection = await openConnectionPicker({ baseUrl, token, pieceName, modal: true });
 *   if (connection) step.auth = connectionReference(connection.externalId);
 *
 * Every message is checked: it must come from baseUrl's origin AND from this picker's own iframe
 * window, with a known, versioned shape (see ./protocol, the one definition the picker uses too).
 */
import { envelope, parsePickerMessage, type ConnectionSummary, type HostToPicker, type PickerToHost } from "./protocol";

export { EMBED_PROTOCOL_VERSION, EMBED_SOURCE, type ConnectionSummary, type HostToPicker, type PickerToHost } from "./protocol";

export interface PickedConnection extends ConnectionSummary {
  /** True when the user created this connection inside the picker (a `connection-created` came first). */
  created: boolean;
}

export interface OpenConnectionPickerOptions {
  /** The Connections manager's address (its APP_URL), e.g. "https://connections.example.com". */
  baseUrl: string;
  /** The one-time embed token your back end got from POST /api/v1/embed/sessions (`embt_…`). */
  token: string;
  /** The step's app, e.g. "slack": the picker lists that app's connections. */
  pieceName: string;
  /** Mount the picker inline inside this element (the iframe is appended to it)… */
  container?: HTMLElement;
  /** …or show it in a modal dialog (Escape, the backdrop and the picker's own Close button close it). */
  modal?: boolean;
  /** Marks the step's current connection in the list. */
  selectedExternalId?: string | null;
  /**
   * Inline mode only: keep the picker open after a selection (the promise still resolves with the
   * first one; later ones are `select` events). The picker is removed on close or abort().
   */
  keepOpen?: boolean;
  /** The iframe never grows beyond this many CSS pixels (default 900; a modal also stays within the viewport). */
  maxHeight?: number;
  /** Give up (reject with code "not_ready") when the picker has not said `ready` by then; default 30 s, 0 = wait forever. */
  readyTimeoutMs?: number;
  /** Aborting rejects the promise with code "aborted" and removes the picker. */
  signal?: AbortSignal;
  /** The picker's content height changed (the SDK already sizes the iframe). */
  onResize?: (height: number) => void;
  /** The picker was closed: by the user, Escape/backdrop in modal mode, close() or abort(). */
  onClose?: () => void;
  /** The iframe's accessible title (default "Connection picker"). */
  title?: string;
}

export type PickerErrorCode = "aborted" | "not_ready" | "invalid_options";

/** Why the picker's promise was rejected. A user closing the picker is not an error: the promise resolves null. */
export class PickerError extends Error {
  readonly code: PickerErrorCode;
  constructor(code: PickerErrorCode, message: string) {
    super(message);
    this.name = "PickerError";
    this.code = code;
  }
}

interface PickerEvents {
  ready: (pieceName: string | null) => void;
  resize: (height: number) => void;
  select: (connection: PickedConnection) => void;
  created: (connection: ConnectionSummary) => void;
  close: () => void;
}

export interface ConnectionPicker extends Promise<PickedConnection | null> {
  /** The picker's iframe (removed from the page once the picker is cleaned up). */
  readonly iframe: HTMLIFrameElement;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends keyof PickerEvents>(event: E, listener: PickerEvents[E]): () => void;
  /** Shows another app's connections (the step's app changed). */
  selectPiece(pieceName: string): void;
  /** Marks the step's current connection. */
  setSelected(externalId: string | null): void;
  /** Closes the picker as the user would: the promise resolves null if nothing was selected yet. */
  close(): void;
  /** Removes the picker and rejects a pending promise with PickerError("aborted"). */
  abort(reason?: string): void;
}

/** The reference a step's input stores for a connection, e.g. {{connections['slack-ops']}}. */
export function connectionReference(externalId: string): string {
  return `{{connections['${externalId}']}}`;
}

const PIECE_NAME = /^[a-z0-9][a-z0-9-]{0,99}$/;

function pickerOriginOf(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new PickerError("invalid_options", "baseUrl must be an absolute http(s) URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new PickerError("invalid_options", "baseUrl must be an absolute http(s) URL");
  return url.origin;
}

function pickerSrc(baseUrl: string, pieceName: string, token: string): string {
  const url = new URL(baseUrl);
  const prefix = url.pathname.replace(/\/+$/, "");
  return `${url.origin}${prefix}/embed/connections?piece=${encodeURIComponent(pieceName)}&token=${encodeURIComponent(token)}`;
}

function modalShell(doc: Document, title: string) {
  const dialog = doc.createElement("dialog");
  dialog.setAttribute("aria-label", title);
  dialog.dataset.connectionsPicker = "modal";
  Object.assign(dialog.style, {
    padding: "0",
    border: "none",
    borderRadius: "12px",
    width: "min(720px, calc(100vw - 32px))",
    maxWidth: "none",
    maxHeight: "calc(100vh - 32px)",
    overflow: "hidden",
    boxShadow: "0 20px 60px rgba(0,0,0,.35)",
  } satisfies Partial<CSSStyleDeclaration>);
  return dialog;
}

/**
 * Opens the connection picker. Resolves with the connection the user selected (or created), or
 * null when they closed the picker without choosing; rejects with PickerError on abort, a picker
 * that never became ready, or bad options.
 */
export function openConnectionPicker(options: OpenConnectionPickerOptions): ConnectionPicker {
  const doc = options.container?.ownerDocument ?? document;
  const win = doc.defaultView ?? window;
  const title = options.title ?? "Connection picker";
  const listeners: { [E in keyof PickerEvents]: Set<PickerEvents[E]> } = {
    ready: new Set(),
    resize: new Set(),
    select: new Set(),
    created: new Set(),
    close: new Set(),
  };
  const iframe = doc.createElement("iframe");
  iframe.title = title;
  iframe.dataset.connectionsPicker = "frame";

  let settle!: { resolve: (c: PickedConnection | null) => void; reject: (e: PickerError) => void };
  const promise = new Promise<PickedConnection | null>((resolve, reject) => (settle = { resolve, reject }));
  let settled = false;
  let cleaned = false;
  let ready = false;
  let lastCreated: string | null = null;
  let readyTimer: ReturnType<typeof setTimeout> | undefined;
  let dialog: HTMLDialogElement | null = null;

  const emit = <E extends keyof PickerEvents>(event: E, ...args: Parameters<PickerEvents[E]>) => {
    for (const fn of [...listeners[event]]) {
      try {
        (fn as (...a: Parameters<PickerEvents[E]>) => void)(...args);
      } catch (err) {
        // A host listener's bug must not break the picker; surface it asynchronously.
        setTimeout(() => {
          throw err;
        });
      }
    }
  };
  const finish = (outcome: { value: PickedConnection | null } | { error: PickerError }) => {
    if (settled) return;
    settled = true;
    if ("error" in outcome) settle.reject(outcome.error);
    else settle.resolve(outcome.value);
  };

  const cleanup = () => {
    if (cleaned) return;
    cleaned = true;
    win.removeEventListener("message", onMessage);
    options.signal?.removeEventListener("abort", onAbort);
    if (readyTimer !== undefined) clearTimeout(readyTimer);
    iframe.remove();
    if (dialog) {
      if (dialog.open) dialog.close();
      dialog.remove();
    }
  };

  const closed = () => {
    if (cleaned) return;
    cleanup();
    finish({ value: null });
    options.onClose?.();
    emit("close");
  };

  const onAbort = () => {
    const reason = options.signal?.reason;
    cleanup();
    finish({ error: new PickerError("aborted", typeof reason === "string" ? reason : "The picker was aborted") });
  };

  const pending = new Map<HostToPicker["type"], HostToPicker>();
  const send = (message: HostToPicker) => {
    if (cleaned) return;
    // Before `ready` the picker is not listening yet: keep the latest of each kind until it is.
    if (!ready) return void pending.set(message.type, message);
    // Always the picker's exact origin, never "*".
    iframe.contentWindow?.postMessage(envelope(message), pickerOrigin);
  };

  const maxHeight = options.maxHeight ?? 900;
  const size = (height: number) => {
    const viewport = dialog ? Math.max(200, win.innerHeight - 32) : Infinity;
    iframe.style.height = `${Math.ceil(Math.min(height, maxHeight, viewport))}px`;
  };

  const handle = (message: PickerToHost) => {
    switch (message.type) {
      case "ready":
        ready = true;
        if (readyTimer !== undefined) clearTimeout(readyTimer);
        for (const queued of pending.values()) send(queued);
        pending.clear();
        emit("ready", message.pieceName);
        return;
      case "resize":
        size(message.height);
        options.onResize?.(message.height);
        emit("resize", message.height);
        return;
      case "connection-created":
        lastCreated = message.connection.externalId;
        emit("created", message.connection);
        return;
      case "connection-selected": {
        const picked: PickedConnection = { ...message.connection, created: lastCreated === message.connection.externalId };
        finish({ value: picked });
        emit("select", picked);
        if (!(options.keepOpen && !dialog)) closed();
        return;
      }
      case "close":
        closed();
        return;
    }
  };

  // Only our picker may talk to us: its origin, and its own iframe's window (not another frame of that origin).
  function onMessage(event: MessageEvent) {
    if (event.source === null || event.source !== iframe.contentWindow) return;
    const message = parsePickerMessage(event, pickerOrigin);
    if (message) handle(message);
  }

  let pickerOrigin = "";
  const picker = Object.assign(promise, {
    iframe,
    on<E extends keyof PickerEvents>(event: E, listener: PickerEvents[E]) {
      listeners[event].add(listener);
      return () => void listeners[event].delete(listener);
    },
    selectPiece(pieceName: string) {
      if (!PIECE_NAME.test(pieceName)) throw new PickerError("invalid_options", "pieceName must be an app's name, e.g. “slack”");
      send({ type: "select-piece", pieceName });
    },
    setSelected(externalId: string | null) {
      send({ type: "set-selected", externalId });
    },
    close: closed,
    abort(reason?: string) {
      cleanup();
      finish({ error: new PickerError("aborted", reason ?? "The picker was aborted") });
    },
  }) as ConnectionPicker;

  try {
    pickerOrigin = pickerOriginOf(options.baseUrl);
    if (!options.token) throw new PickerError("invalid_options", "token is required (POST /api/v1/embed/sessions from your back end)");
    if (!PIECE_NAME.test(options.pieceName)) throw new PickerError("invalid_options", "pieceName must be an app's name, e.g. “slack”");
    if (!options.container === !options.modal) throw new PickerError("invalid_options", "Give either container (inline) or modal: true");
  } catch (err) {
    cleaned = true;
    finish({ error: err as PickerError });
    return picker;
  }
  if (options.signal?.aborted) {
    cleaned = true;
    finish({ error: new PickerError("aborted", "The picker was aborted") });
    return picker;
  }

  if (options.selectedExternalId !== undefined) pending.set("set-selected", { type: "set-selected", externalId: options.selectedExternalId });
  win.addEventListener("message", onMessage);
  options.signal?.addEventListener("abort", onAbort, { once: true });
  Object.assign(iframe.style, { display: "block", width: "100%", border: "0", height: "160px" } satisfies Partial<CSSStyleDeclaration>);
  iframe.src = pickerSrc(options.baseUrl, options.pieceName, options.token);

  if (options.modal) {
    dialog = modalShell(doc, title);
    dialog.append(iframe);
    // Escape: the browser's cancel; a click on the backdrop lands on the dialog element itself.
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      closed();
    });
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) closed();
    });
    doc.body.append(dialog);
    dialog.showModal();
  } else {
    options.container!.append(iframe);
  }

  const timeout = options.readyTimeoutMs ?? 30_000;
  if (timeout > 0) {
    readyTimer = setTimeout(() => {
      if (ready) return;
      cleanup();
      finish({ error: new PickerError("not_ready", "The picker did not load: is this page's origin in EMBED_ALLOWED_ORIGINS, and the token fresh?") });
    }, timeout);
  }
  return picker;
}
