import type { HttpBindings } from "@hono/node-server";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { ValidationError } from "@/server/errors";
import { parseOrThrow } from "@/server/validation";
import { jsonTextExceedsDepth, MAX_JSON_DEPTH, zText } from "@/schemas/primitives";

/** Any /api/v1 body larger than this is refused, whatever the route (routes may set less). */
export const MAX_API_BODY_BYTES = 2 * 1024 * 1024;

/**
 * 413 before the body is read whole: Content-Length is checked first, then the stream is capped.
 * The unread rest of the body is still on the socket, so the answer says `Connection: close`
 * rather than promising a keep-alive the server cannot keep.
 */
export function limitBody(maxBytes: number, message = `The body is limited to ${maxBytes} bytes`): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) => c.json({ error: "payload_too_large", message }, 413, { connection: "close" }),
  });
  return (c, next) => {
    // On Node, a request with neither Content-Length nor Transfer-Encoding has no body (HTTP/1.1):
    // nothing to bound. Hono's check would build a Web Request just to find that out (a GET's
    // largest cost), and for an empty DELETE beside Next it rebuilt one from the adapter's own
    // Request class, which threw (500).
    const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
    if (incoming && incoming.headers["content-length"] === undefined && incoming.headers["transfer-encoding"] === undefined) return next();
    return limit(c, next);
  };
}

/** The body as a JSON object, or a 400 that says what to send; too deep is refused before parsing. */
export async function readJsonObject(c: Context, hint: string): Promise<Record<string, unknown>> {
  return parseJsonObject(await c.req.text(), hint);
}

/** readJsonObject's checks on a body already read as text (the lean door in fast-path.ts reads it off the socket). */
export function parseJsonObject(text: string, hint: string): Record<string, unknown> {
  if (jsonTextExceedsDepth(text, MAX_JSON_DEPTH)) {
    throw new ValidationError(`The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`, { _: `Nested deeper than ${MAX_JSON_DEPTH} levels` });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ValidationError(hint);
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new ValidationError(hint);
  return body as Record<string, unknown>;
}

const ZPathText = zText({ max: 200 }).min(1);

/** A path parameter checked like any other input: the 400 names it. */
export function pathParam(c: Context, name: string, schema: z.ZodType<string> = ZPathText): string {
  return parseOrThrow(z.object({ [name]: schema }), { [name]: c.req.param(name) })[name] as string;
}
