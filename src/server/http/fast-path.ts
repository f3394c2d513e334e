import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiKeyPrincipal } from "@/server/authz/api-key";
import { actorOf } from "@/server/authz/principal";
import type { Actor } from "@/server/context";
import type { Db } from "@/server/db/types";
import { EngineError } from "@/server/engine/errors";
import { getConnectionValue } from "@/server/engine/get-connection-value";
import type { TokenAuthenticator } from "@/server/engine/token-authenticator";
import type { UsageRecorder } from "@/server/engine/usage-recorder";
import { currentRequest, requestIdFrom, runWithRequest } from "@/server/observability/request-context";
import type { ApiKeyGuard } from "@/server/throttle/api-key-guard";
import { FLOW_ID_PATTERN } from "@/schemas/flows";
import { recordApiRequest } from "./access-log";
import { createBearerCheck, isRefusal, type BearerRefusal } from "./bearer";
import { clientAddress } from "./client-address";
import { errorPayload } from "./error-response";

const PREFIX = "/api/v1/worker/connections/";
const ROUTE = "/api/v1/worker/connections/:externalId";
// Ids that need no decoding and that the path parameter's rules accept as they are (1–200
// characters, no control character): anything else goes the ordinary way, through Hono, which
// answers it exactly as before. "." and ".." are left to Hono too (a URL parser removes them).
const PLAIN_ID = /^(?!\.\.?$)[A-Za-z0-9._~-]{1,200}$/;

function writeJson(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>, noStore = false): void {
  const payload = JSON.stringify(body);
  const head: Record<string, string | number> = { "content-type": "application/json", "content-length": Buffer.byteLength(payload) };
  // Credentials: no cache (browser, proxy) may keep a copy (as send-json.ts).
  if (noStore) head["cache-control"] = "no-store";
  res.writeHead(status, headers ? { ...headers, ...head } : head);
  res.end(payload);
}

/** More than one Authorization header: Node keeps the first, a Web `Headers` joins them; Hono decides. */
function repeatedAuthorization(req: IncomingMessage): boolean {
  const raw = req.rawHeaders;
  let seen = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 13 && name.toLowerCase() === "authorization" && ++seen > 1) return true;
  }
  return false;
}

/**
 * The engine's hottest request, `GET /api/v1/worker/connections/{externalId}`, answered straight
 * on Node's request and response: Hono's Web Request/Response, its middleware chain and the Node
 * adapter cost more CPU than the select and the decrypt together (see README → Benchmarks →
 * Engine API). Everything the Hono route does is done here with the same code — the API key check
 * (bearer.ts), the flow id rule, the service verb, the usage note, the error mapper
 * (error-response.ts), the access line and metrics (access-log.ts) — and anything unusual (another
 * method, an id that would need decoding, a repeated Authorization header) returns false and is
 * left to Hono. The integration tests call the engine over HTTP through this door.
 */
export function createFastPath(opts: { db: Db; usage: UsageRecorder; authenticate: TokenAuthenticator; guard: ApiKeyGuard }) {
  const check = createBearerCheck(opts.authenticate, opts.usage, opts.guard);
  const actors = new WeakMap<ApiKeyPrincipal, Actor>();
  const actorFor = (principal: ApiKeyPrincipal): Actor => {
    let actor = actors.get(principal);
    if (!actor) actors.set(principal, (actor = actorOf(principal)));
    return actor;
  };

  async function answer(req: IncomingMessage, res: ServerResponse, path: string, externalId: string, requestId: string, started: number) {
    let status = 200;
    let key: ApiKeyPrincipal["key"] | undefined;
    try {
      const checked = check(req.headers.authorization, () => clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"]), "connections:read");
      const outcome: ApiKeyPrincipal | BearerRefusal = checked instanceof Promise ? await checked : checked;
      if (isRefusal(outcome)) {
        status = outcome.status;
        writeJson(res, status, outcome.body, outcome.headers);
      } else {
        key = outcome.key;
        const sent = req.headers["x-flow-id"];
        const header = Array.isArray(sent) ? sent.join(", ") : sent;
        const flowId = header === undefined || header === "" ? null : header;
        if (flowId !== null && !FLOW_ID_PATTERN.test(flowId)) {
          throw new EngineError("VALIDATION", "invalid_flow_id", "X-Flow-Id must be 1 to 64 letters, digits, “-” or “_”");
        }
        const actor = actorFor(outcome);
        const connection = await getConnectionValue({ db: opts.db, actor, projectId: key.projectId, externalId });
        opts.usage.connectionUsed({ projectId: key.projectId, connection, flowId, actor });
        writeJson(res, 200, connection, undefined, true);
      }
    } catch (err) {
      const { status: errorStatus, body } = errorPayload(err, { path, method: "GET" });
      status = errorStatus;
      if (!res.headersSent) writeJson(res, status, body);
      else res.destroy();
    }
    recordApiRequest(requestId, { route: ROUTE, method: "GET", status, seconds: (performance.now() - started) / 1000, key });
  }

  /** Answers the request and returns true when it is the hot GET; false leaves it to Hono, untouched. */
  return function fastPath(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url;
    if (req.method !== "GET" || url === undefined || !url.startsWith(PREFIX)) return false;
    const query = url.indexOf("?", PREFIX.length);
    const path = query === -1 ? url : url.slice(0, query);
    const externalId = path.slice(PREFIX.length);
    if (!PLAIN_ID.test(externalId) || repeatedAuthorization(req)) return false;
    const started = performance.now();
    // server.ts / engine.ts open the request context and echo its id; a bare listener does not.
    const outer = currentRequest()?.requestId;
    if (outer !== undefined) {
      void answer(req, res, path, externalId, outer, started);
      return true;
    }
    const requestId = requestIdFrom(req.headers["x-request-id"]);
    res.setHeader("X-Request-Id", requestId);
    runWithRequest({ requestId }, () => void answer(req, res, path, externalId, requestId, started));
    return true;
  };
}
