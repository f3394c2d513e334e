import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiKeyPrincipal } from "@/server/authz/api-key";
import { actorOf } from "@/server/authz/principal";
import type { Actor } from "@/server/context";
import type { Db } from "@/server/db/types";
import { getConnectionValue } from "@/server/engine/get-connection-value";
import { resolveInput } from "@/server/engine/resolve-input";
import { ValidationError } from "@/server/errors";
import type { TokenAuthenticator } from "@/server/engine/token-authenticator";
import type { UsageRecorder } from "@/server/engine/usage-recorder";
import { currentRequest, requestIdFrom, runWithRequest } from "@/server/observability/request-context";
import type { ApiKeyGuard } from "@/server/throttle/api-key-guard";
import type { ApiKeyScope } from "@/schemas/api-keys";
import { recordApiRequest } from "./access-log";
import { createBearerCheck, isRefusal, type BearerRefusal } from "./bearer";
import { clientAddress } from "./client-address";
import { parseJsonObject } from "./body";
import { errorPayload } from "./error-response";
import { apiOperations } from "./api-contract";
import { flowIdOf, RESOLVE_HINT } from "./routes/worker";

/** The two operations' scope and body limit, from the entries the document is generated from. */
function operation(operationId: string) {
  const op = apiOperations.find((o) => o.operationId === operationId);
  if (!op?.scope) throw new Error(`fast-path: no guarded operation ${operationId} in api-contract.ts`);
  return { scope: op.scope, maxBodyBytes: op.maxBodyBytes ?? 0 };
}
const GET_CONNECTION = operation("getConnection");
const RESOLVE = operation("resolve");

const WORKER = "/api/v1/worker/";
const CONNECTION_PREFIX = "/api/v1/worker/connections/";
const CONNECTION_ROUTE = "/api/v1/worker/connections/:externalId";
const RESOLVE_PATH = "/api/v1/worker/resolve";
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

/** The body as text, as a Web Request's text() decodes it (UTF-8, a leading byte-order mark dropped). */
function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("end", () => {
      const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString("utf8");
      resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    });
    req.once("error", reject);
    req.once("aborted", () => reject(new Error("The client aborted the request body")));
  });
}

/** A declared body this door may read: Content-Length alone (no Transfer-Encoding), within the route's limit. */
function plainLength(req: IncomingMessage, max: number): boolean {
  const declared = req.headers["content-length"];
  if (declared === undefined || req.headers["transfer-encoding"] !== undefined || !/^\d{1,9}$/.test(declared)) return false;
  return Number(declared) <= max;
}

type Principal = ApiKeyPrincipal;

/**
 * The engine's two hot requests, `GET /api/v1/worker/connections/{externalId}` and
 * `POST /api/v1/worker/resolve`, answered straight on Node's request and response: Hono's Web
 * Request/Response, its middleware chain and the Node adapter cost more CPU than the select and
 * the decrypt together (see README → Benchmarks → Engine API). Everything the Hono routes do is
 * done here with the same code — the API key check (bearer.ts), the flow id rule, the body checks
 * (body.ts), the service verbs, the usage note, the error mapper (error-response.ts), the access
 * line and metrics (access-log.ts) — and anything unusual (another method or path, an id that
 * would need decoding, a repeated Authorization header, a body without a plain Content-Length
 * within the limit) returns false and is left to Hono, which answers it as before. The integration
 * tests call the engine over HTTP through this door.
 */
export function createFastPath(opts: { db: Db; usage: UsageRecorder; authenticate: TokenAuthenticator; guard: ApiKeyGuard }) {
  const check = createBearerCheck(opts.authenticate, opts.usage, opts.guard);
  const actors = new WeakMap<Principal, Actor>();
  const actorFor = (principal: Principal): Actor => {
    let actor = actors.get(principal);
    if (!actor) actors.set(principal, (actor = actorOf(principal)));
    return actor;
  };

  const getConnection = async (req: IncomingMessage, principal: Principal, externalId: string): Promise<unknown> => {
    const flowId = flowIdOf(req.headers["x-flow-id"]);
    const actor = actorFor(principal);
    const { projectId } = principal.key;
    const connection = await getConnectionValue({ db: opts.db, actor, projectId, externalId });
    opts.usage.connectionUsed({ projectId, connection, flowId, actor });
    return connection;
  };

  const resolve = async (req: IncomingMessage, principal: Principal): Promise<unknown> => {
    const flowId = flowIdOf(req.headers["x-flow-id"]);
    const body = parseJsonObject(await readText(req), RESOLVE_HINT);
    if (!("input" in body)) throw new ValidationError(RESOLVE_HINT, { input: "Required" });
    const actor = actorFor(principal);
    const { projectId } = principal.key;
    const { output, used } = await resolveInput({ db: opts.db, actor, projectId, input: body.input });
    for (const connection of used) opts.usage.connectionUsed({ projectId, connection, flowId, actor });
    return { output };
  };

  async function answer(
    req: IncomingMessage,
    res: ServerResponse,
    where: { route: string; path: string; method: string; scope: ApiKeyScope },
    requestId: string,
    started: number,
    work: (principal: Principal) => Promise<unknown>,
  ) {
    let status = 200;
    let key: Principal["key"] | undefined;
    try {
      const checked = check(req.headers.authorization, () => clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"]), where.scope);
      const outcome: Principal | BearerRefusal = checked instanceof Promise ? await checked : checked;
      if (isRefusal(outcome)) {
        status = outcome.status;
        writeJson(res, status, outcome.body, outcome.headers);
      } else {
        key = outcome.key;
        writeJson(res, 200, await work(outcome), undefined, true);
      }
    } catch (err) {
      const { status: errorStatus, body } = errorPayload(err, where);
      status = errorStatus;
      if (!res.headersSent) writeJson(res, status, body);
      else res.destroy();
    }
    recordApiRequest(requestId, { route: where.route, method: where.method, status, seconds: (performance.now() - started) / 1000, key });
  }

  /** Answers the request and returns true when it is one of the hot two; false leaves it to Hono, untouched. */
  return function fastPath(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url;
    if (url === undefined || !url.startsWith(WORKER)) return false;
    const query = url.indexOf("?", WORKER.length);
    const path = query === -1 ? url : url.slice(0, query);
    let route: string;
    let scope: ApiKeyScope;
    let work: (principal: Principal) => Promise<unknown>;
    if (req.method === "GET" && path.startsWith(CONNECTION_PREFIX)) {
      const externalId = path.slice(CONNECTION_PREFIX.length);
      if (!PLAIN_ID.test(externalId)) return false;
      route = CONNECTION_ROUTE;
      scope = GET_CONNECTION.scope;
      work = (principal) => getConnection(req, principal, externalId);
    } else if (req.method === "POST" && path === RESOLVE_PATH && plainLength(req, RESOLVE.maxBodyBytes)) {
      route = RESOLVE_PATH;
      scope = RESOLVE.scope;
      work = (principal) => resolve(req, principal);
    } else {
      return false;
    }
    if (repeatedAuthorization(req)) return false;
    const started = performance.now();
    const where = { route, path, method: req.method, scope };
    // server.ts / engine.ts open the request context and echo its id; a bare listener does not.
    const outer = currentRequest()?.requestId;
    if (outer !== undefined) {
      void answer(req, res, where, outer, started, work);
      return true;
    }
    const requestId = requestIdFrom(req.headers["x-request-id"]);
    res.setHeader("X-Request-Id", requestId);
    runWithRequest({ requestId }, () => void answer(req, res, where, requestId, started, work));
    return true;
  };
}
