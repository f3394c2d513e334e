/**
 * The tRPC endpoint (/api/trpc/*) as two Web handlers: the Next route (src/app/api/trpc) exports
 * them, and in production server.ts answers /api/trpc/* with them directly, beside Next
 * (src/server/http/trpc-door.ts). One implementation, so both doors refuse and answer alike.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "./root";
import { createRequestContext } from "./context";
import { toTRPCError } from "./error-map";
import { PayloadTooLargeError, payloadTooLargeResponse, readCappedText } from "@/server/http/capped-body";
import { bodyLimitForPath } from "@/server/http/door-guard";
import { isSameOriginRequest } from "@/server/http/same-origin";
import { jsonTextExceedsDepth, MAX_JSON_DEPTH } from "@/schemas/primitives";

// A batch envelope and the transformer's wrapper (src/lib/trpc-transformer.ts) add a few levels around each input.
const MAX_TRPC_DEPTH = MAX_JSON_DEPTH + 8;

function refuse(status: number, message: string) {
  return Response.json({ error: status === 403 ? "forbidden" : "invalid_request", message }, { status });
}

// The context reads the session's user: an error there (the database stopped) goes through the same
// mapping as a procedure's, so it answers 503 "unavailable" rather than a 500 carrying the query text.
const handle = (req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () =>
      createRequestContext(req).catch((err: unknown) => {
        throw toTRPCError(err, "context");
      }),
  });

export async function trpcGet(req: Request): Promise<Response> {
  const input = new URL(req.url).searchParams.get("input");
  if (input && jsonTextExceedsDepth(input, MAX_TRPC_DEPTH)) return refuse(400, `input: nested deeper than ${MAX_JSON_DEPTH} levels`);
  return handle(req);
}

/**
 * Mutations (POST): a browser's cross-origin call carrying the session cookie is refused before
 * anything runs; the body is bounded and its depth checked before it is parsed.
 */
export async function trpcPost(req: Request): Promise<Response> {
  const origin = req.headers.get("origin");
  if (origin !== null && !isSameOriginRequest(origin, req)) return refuse(403, "Cross-origin requests are not accepted");
  let body: string;
  try {
    body = await readCappedText(req, bodyLimitForPath(new URL(req.url).pathname));
  } catch (err) {
    if (err instanceof PayloadTooLargeError) return payloadTooLargeResponse(err);
    throw err;
  }
  if (jsonTextExceedsDepth(body, MAX_TRPC_DEPTH)) return refuse(400, `input: nested deeper than ${MAX_JSON_DEPTH} levels`);
  return handle(new Request(req.url, { method: "POST", headers: req.headers, body }));
}
