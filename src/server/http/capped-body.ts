/** A body larger than its door allows: answered 413 and the connection closed. */
export class PayloadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The request body is limited to ${maxBytes} bytes`);
  }
}

/**
 * Reads a Web request's body as text, refusing it once it passes `maxBytes`: the declared
 * Content-Length first (nothing is read), then the bytes as they stream in (chunked bodies).
 */
export async function readCappedText(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Stop reading, but do not cancel: cancelling destroys the request and with it the socket,
      // which can reset the connection before the 413 is written. The rest of the body is
      // dropped by the server's lingering close (lingering-close.ts) after the answer.
      reader.releaseLock();
      throw new PayloadTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The 413 every Next door answers; the unread rest of the body is why the connection closes. */
export function payloadTooLargeResponse(err: PayloadTooLargeError): Response {
  return Response.json({ error: "payload_too_large", message: err.message }, { status: 413, headers: { connection: "close" } });
}
