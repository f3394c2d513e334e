/**
 * The postMessage contract between the embedded connection picker (an iframe on our origin) and
 * the workflow editor that hosts it (another origin). Every message carries `source` and `v`;
 * the iframe sends only to, and accepts only from, origins allowed by the installation.
 *
 * The one definition of the protocol: the picker (src/lib/embed/protocol.ts re-exports it) and the
 * embed SDK both import this file. No import here, so it bundles for any browser.
 */
export const EMBED_PROTOCOL_VERSION = 1;
export const EMBED_SOURCE = "connections-manager";

export interface ConnectionSummary {
  externalId: string;
  displayName: string;
  pieceName: string;
}

/** iframe → host */
export type PickerToHost =
  | { type: "ready"; pieceName: string | null }
  | { type: "connection-selected"; connection: ConnectionSummary }
  | { type: "connection-created"; connection: ConnectionSummary }
  | { type: "resize"; height: number }
  | { type: "close" };

/** host → iframe */
export type HostToPicker = { type: "select-piece"; pieceName: string } | { type: "set-selected"; externalId: string | null };

export type Envelope<T> = T & { source: typeof EMBED_SOURCE; v: typeof EMBED_PROTOCOL_VERSION };

export function envelope<T extends PickerToHost | HostToPicker>(message: T): Envelope<T> {
  return { ...message, source: EMBED_SOURCE, v: EMBED_PROTOCOL_VERSION };
}

/** Normalises "https://Editor.example.com/" → "https://editor.example.com"; null when not an origin. */
export function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    return url.origin;
  } catch {
    return null;
  }
}

export function isAllowedOrigin(origin: string | null | undefined, allowed: readonly string[]): boolean {
  if (!origin || origin === "null") return false;
  const normalised = normaliseOrigin(origin);
  return normalised !== null && allowed.includes(normalised);
}

const PIECE_NAME = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** Accepts a host message only if it comes from an allowed origin and has a known, versioned shape. */
export function parseHostMessage(event: { origin: string; data: unknown }, allowed: readonly string[]): HostToPicker | null {
  if (!isAllowedOrigin(event.origin, allowed)) return null;
  const d = event.data as Record<string, unknown> | null;
  if (!d || typeof d !== "object" || d.source !== EMBED_SOURCE || d.v !== EMBED_PROTOCOL_VERSION) return null;
  if (d.type === "select-piece" && typeof d.pieceName === "string" && PIECE_NAME.test(d.pieceName)) {
    return { type: "select-piece", pieceName: d.pieceName };
  }
  if (d.type === "set-selected" && (d.externalId === null || (typeof d.externalId === "string" && d.externalId.length <= 200))) {
    return { type: "set-selected", externalId: d.externalId as string | null };
  }
  return null;
}

function connectionOf(value: unknown): ConnectionSummary | null {
  const c = value as Record<string, unknown> | null;
  if (!c || typeof c !== "object") return null;
  if (typeof c.externalId !== "string" || typeof c.displayName !== "string" || typeof c.pieceName !== "string") return null;
  return { externalId: c.externalId, displayName: c.displayName, pieceName: c.pieceName };
}

/**
 * Host side (the embed SDK): accepts a picker message only from the picker's own origin, with a
 * known, versioned shape; returns a fresh object holding the known fields only.
 */
export function parsePickerMessage(event: { origin: string; data: unknown }, pickerOrigin: string): PickerToHost | null {
  if (event.origin !== pickerOrigin) return null;
  const d = event.data as Record<string, unknown> | null;
  if (!d || typeof d !== "object" || d.source !== EMBED_SOURCE || d.v !== EMBED_PROTOCOL_VERSION) return null;
  switch (d.type) {
    case "ready":
      return d.pieceName === null || typeof d.pieceName === "string" ? { type: "ready", pieceName: d.pieceName } : null;
    case "close":
      return { type: "close" };
    case "resize":
      return typeof d.height === "number" && Number.isFinite(d.height) && d.height >= 0 ? { type: "resize", height: d.height } : null;
    case "connection-selected":
    case "connection-created": {
      const connection = connectionOf(d.connection);
      return connection ? { type: d.type, connection } : null;
    }
    default:
      return null;
  }
}
