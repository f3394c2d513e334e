import type { IncomingMessage, ServerResponse } from "node:http";
import { requestIdFrom, runWithRequest } from "./request-context";

/** Opens a request's logging context (its id from a sane `X-Request-Id`, else a new one) and echoes the id. */
export function withRequestContext(req: IncomingMessage, res: ServerResponse, handle: () => void): void {
  const requestId = requestIdFrom(req.headers["x-request-id"]);
  res.setHeader("X-Request-Id", requestId);
  runWithRequest({ requestId }, handle);
}
