import type { IncomingMessage, ServerResponse } from "node:http";
import { headerValue } from "./public-origin";
import { isHttpsOrigin, isSameOriginRequest } from "./same-origin";

/** Next's server-action body limit, set deliberately in next.config.ts (serverActions.bodySizeLimit). */
export const SERVER_ACTION_BODY_LIMIT = "1mb";
const SERVER_ACTION_MAX_BYTES = 1024 * 1024;

/** Largest body each door of the people's side reads; checked on Content-Length before Next reads a byte. */
export const NEXT_BODY_LIMITS: ReadonlyArray<{ prefix: string; maxBytes: number }> = [
  { prefix: "/api/embed/session", maxBytes: 4 * 1024 },
  { prefix: "/api/auth/", maxBytes: 16 * 1024 },
  // An export file uploaded through Settings → Export / Import (EXPORT_FILE_MAX_CHARS, plus its envelope).
  { prefix: "/api/trpc/transfer.import", maxBytes: 24 * 1024 * 1024 },
  { prefix: "/api/trpc/", maxBytes: 1024 * 1024 },
  { prefix: "/api/oauth/", maxBytes: 16 * 1024 },
];

export const HSTS = "max-age=31536000; includeSubDomains";

/** The body limit of a people's-side path (the first matching prefix wins). */
export function bodyLimitForPath(path: string): number {
  return NEXT_BODY_LIMITS.find((l) => path.startsWith(l.prefix))?.maxBytes ?? SERVER_ACTION_MAX_BYTES;
}

function bodyLimitFor(req: IncomingMessage): number {
  if (req.headers["next-action"]) return SERVER_ACTION_MAX_BYTES;
  return bodyLimitForPath(req.url ?? "/");
}

function refuse(res: ServerResponse, status: number, error: string, message: string) {
  const body = JSON.stringify({ error, message });
  // The body was not read: closing is the only honest way on (no keep-alive promise to break).
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), connection: "close" });
  res.end(body);
}

/**
 * Checks a request before Next sees it (server.ts): bodies over their door's limit are a 413
 * without reading them, and a server action must come with an Origin naming this app (Next
 * itself only compares an Origin that is present). Answers true when it has responded.
 */
export function guardNextRequest(req: IncomingMessage, res: ServerResponse): boolean {
  if (isHttpsOrigin()) res.setHeader("Strict-Transport-Security", HSTS);
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return false;
  const limit = bodyLimitFor(req);
  const declared = Number(req.headers["content-length"] ?? "");
  if (Number.isFinite(declared) && declared > limit) {
    refuse(res, 413, "payload_too_large", `The request body is limited to ${limit} bytes`);
    return true;
  }
  if (req.headers["next-action"] && !isSameOriginRequest(headerValue(req.headers, "origin"), req)) {
    refuse(res, 403, "forbidden", "Server actions are accepted only from this app's own pages (Origin header)");
    return true;
  }
  return false;
}
