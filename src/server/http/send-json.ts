import type { HttpBindings } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { EngineEnv } from "./types";

/**
 * JSON for the hot endpoints. Beside Next the process has AsyncLocalStorage active (promise hooks
 * on Node 20), which makes draining a Web Response body stream costly (measured: about a quarter
 * of the throughput), so on the Node adapter the body is written straight to the socket, the way
 * @hono/node-server documents with RESPONSE_ALREADY_SENT. Without it (app.request in tests) this
 * is an ordinary c.json.
 */
export function sendJson(c: Context<EngineEnv>, body: unknown, status: ContentfulStatusCode = 200) {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  // These answers carry credentials: no cache (browser, proxy) may keep a copy.
  if (!outgoing || outgoing.headersSent) return c.json(body, status, { "cache-control": "no-store" });
  const payload = JSON.stringify(body);
  outgoing.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload), "cache-control": "no-store" });
  outgoing.end(payload);
  return RESPONSE_ALREADY_SENT;
}
