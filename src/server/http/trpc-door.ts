import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { gzip as gzipCallback } from "node:zlib";
import { trpcGet, trpcPost } from "@/server/api/trpc-http";
import { log } from "@/server/log";
import { NO_FRAMING_HEADERS, SECURITY_HEADERS } from "./security-headers";

const gzip = promisify(gzipCallback);

const PREFIX = "/api/trpc/";
// Below this a gzip member costs more than it saves.
const COMPRESS_FROM_BYTES = 1024;

/** Whether the tRPC door answers this request (GET and POST under /api/trpc/; anything else stays with Next). */
export function isTrpcDoorRequest(req: IncomingMessage): boolean {
  return (req.method === "GET" || req.method === "POST") && req.url !== undefined && req.url.startsWith(PREFIX);
}

/**
 * The `x-forwarded-*` headers Next adds to every request before a route sees it (its base server,
 * `??=`, so a proxy's own values are kept): the session read and the origin checks see the same
 * request through either door.
 */
function forwardedDefaults(req: IncomingMessage, port: number): void {
  const h = req.headers;
  const proto = h["x-forwarded-proto"];
  const https = proto ? proto === "https" : Boolean((req.socket as { encrypted?: boolean }).encrypted);
  h["x-forwarded-host"] ??= h.host;
  h["x-forwarded-port"] ??= String(port);
  h["x-forwarded-proto"] ??= https ? "https" : "http";
  if (h["x-forwarded-for"] === undefined && req.socket.remoteAddress) h["x-forwarded-for"] = req.socket.remoteAddress;
}

/** The node request as a Web Request: every header as sent (repeated ones appended), the body streamed. */
function webRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  for (const name of ["x-forwarded-host", "x-forwarded-port", "x-forwarded-proto", "x-forwarded-for"] as const) {
    const value = req.headers[name];
    if (typeof value === "string" && !headers.has(name)) headers.set(name, value);
  }
  // The URL's origin is never read (origins come from the headers: public-origin.ts); only its
  // path and query are, so a fixed base keeps an odd Host header from making it unparsable.
  const url = `http://localhost${req.url}`;
  if (req.method === "GET") return new Request(url, { method: "GET", headers });
  return new Request(url, { method: req.method, headers, body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } as RequestInit);
}

function acceptsGzip(req: IncomingMessage): boolean {
  const accepted = req.headers["accept-encoding"];
  return typeof accepted === "string" && /\bgzip\b/i.test(accepted) && !/\bgzip\s*;\s*q=0(\.0*)?\s*(,|$)/i.test(accepted);
}

/**
 * /api/trpc/* answered in production straight from server.ts, beside Next: the same handlers as
 * the Next route (src/server/api/trpc-http.ts) — body limit, Origin check, depth check, session,
 * tRPC — without Next's routing, tracing and response streams, which cost more per call than the
 * procedures most pages make (README → Benchmarks → Connections list). What Next would add is
 * added here: the security headers of next.config.ts, its `x-forwarded-*` request headers, and
 * gzip for a client that accepts it. Anything else (other methods, other paths) stays with Next.
 */
export function createTrpcDoor(opts: { port: number }) {
  return async function trpcDoor(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      forwardedDefaults(req, opts.port);
      const request = webRequest(req);
      const response = await (req.method === "GET" ? trpcGet(request) : trpcPost(request));
      let body: Buffer = Buffer.from(await response.arrayBuffer());
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      for (const [name, value] of Object.entries(NO_FRAMING_HEADERS)) res.setHeader(name, value);
      response.headers.forEach((value, name) => {
        if (name !== "set-cookie" && name !== "content-length") res.setHeader(name, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length) res.setHeader("set-cookie", cookies);
      res.setHeader("Vary", response.headers.has("vary") ? `${response.headers.get("vary")}, Accept-Encoding` : "Accept-Encoding");
      if (body.length >= COMPRESS_FROM_BYTES && acceptsGzip(req) && !response.headers.has("content-encoding")) {
        body = await gzip(body);
        res.setHeader("Content-Encoding", "gzip");
      }
      res.setHeader("Content-Length", body.length);
      res.writeHead(response.status);
      res.end(body);
    } catch (err) {
      // The client went away mid-body (its reader failed): nobody is left to answer.
      if (req.destroyed || res.destroyed) return;
      log.error("tRPC door: the request failed outside tRPC's own error handling", { error: err as Error });
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { "content-type": "application/json", ...SECURITY_HEADERS, ...NO_FRAMING_HEADERS });
      res.end(JSON.stringify({ error: "internal", message: "The request failed; it has been logged" }));
    }
  };
}
