import type { z } from "zod";
import type { ApiKeyScope } from "@/schemas/api-keys";
import {
  ZConnectionSummary,
  ZCreateEmbedSessionBody,
  ZEmbedSession,
  ZEngineConnection,
  ZExternalIdParam,
  ZFlowAnswer,
  ZFlowIdHeader,
  ZFlowIdParam,
  ZIfMatchHeader,
  ZFlowSummary,
  ZListConnectionsQuery,
  ZListFlowsQuery,
  ZListPiecesQuery,
  ZPieceSummary,
  ZPutFlowBody,
  ZResolveAnswer,
  ZResolveBody,
  zPage,
} from "@/schemas/engine-api";

// The engine API's operations, one entry each: engine-app.ts registers exactly these (method, path,
// scope, body limit) and openapi.ts generates the served document from them, so a route cannot
// exist without its documentation nor answer a status its entry does not list.

export type HttpMethod = "get" | "put" | "post" | "delete";

export interface HeaderSpec {
  name: string;
  schema: z.ZodType;
  required?: boolean;
}

export interface SuccessSpec {
  description: string;
  /** The answer's JSON; none for 204. */
  schema?: z.ZodType;
  /** Response headers this answer always carries, beside X-Request-Id. */
  headers?: Record<string, string>;
}

export interface ApiOperation {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI style, below /api/v1: /flows/{id}. */
  path: string;
  /** The API-key scope the operation needs; null for a public operation. */
  scope: ApiKeyScope | null;
  summary: string;
  description?: string;
  tags: string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: HeaderSpec[];
  body?: z.ZodType;
  /** The operation's own body limit (every /api/v1 body is limited to 2 MiB in any case). */
  maxBodyBytes?: number;
  /** Answers that carry a credential (or a token) say Cache-Control: no-store. */
  noStore?: boolean;
  success: Record<number, SuccessSpec>;
  /** The machine codes each error status can carry, beyond those every guarded operation has. */
  errors: Partial<Record<number, string[]>>;
}

export const MAX_FLOW_BYTES = 2 * 1024 * 1024;
export const MAX_RESOLVE_BYTES = 1024 * 1024;
export const MAX_EMBED_SESSION_BYTES = 16 * 1024;

const flowIdHeader: HeaderSpec = { name: "X-Flow-Id", schema: ZFlowIdHeader };
const connectionErrors = {
  404: ["connection_not_found"],
  409: ["connection_error", "connection_missing", "connection_undecryptable"],
  503: ["connection_unavailable"],
};

const operationList = [
  {
    operationId: "getConnection",
    method: "get",
    path: "/worker/connections/{externalId}",
    scope: "connections:read",
    tags: ["Flow engine"],
    summary: "Decrypted credentials of one connection",
    description:
      "The connection and its credentials; an OAuth2 token is refreshed first when it is about to expire. The connection's `type` is its app's auth type; the `value` has its own `type` tag, equal to it except for CUSTOM connections, whose value is tagged `CUSTOM_AUTH`.",
    params: ZExternalIdParam,
    headers: [flowIdHeader],
    noStore: true,
    success: { 200: { description: "The connection with its decrypted value", schema: ZEngineConnection } },
    errors: { 400: ["invalid_request", "invalid_flow_id"], ...connectionErrors },
  },
  {
    operationId: "resolve",
    method: "post",
    path: "/worker/resolve",
    scope: "connections:read",
    tags: ["Flow engine"],
    summary: "Replace every {{connections['x']}} / {{connections['x'].path}} in any JSON",
    headers: [flowIdHeader],
    body: ZResolveBody,
    maxBodyBytes: MAX_RESOLVE_BYTES,
    noStore: true,
    success: { 200: { description: "The input with each reference replaced by the credential it names", schema: ZResolveAnswer } },
    errors: { 400: ["invalid_request", "invalid_flow_id"], ...connectionErrors, 422: ["reference_path_not_found", "too_many_connections"] },
  },
  {
    operationId: "listConnections",
    method: "get",
    path: "/connections",
    scope: "connections:list",
    tags: ["Workflow editor"],
    summary: "The project's connections, newest first: metadata only, never credentials",
    query: ZListConnectionsQuery,
    success: { 200: { description: "One page", schema: zPage(ZConnectionSummary) } },
    errors: { 400: ["invalid_request"] },
  },
  {
    operationId: "listPieces",
    method: "get",
    path: "/pieces",
    scope: "connections:list",
    tags: ["Workflow editor"],
    summary: "The app catalogue, by name: each app's auth types and the fields its connection form asks",
    query: ZListPiecesQuery,
    success: { 200: { description: "One page", schema: zPage(ZPieceSummary) } },
    errors: { 400: ["invalid_request"] },
  },
  {
    operationId: "listFlows",
    method: "get",
    path: "/flows",
    scope: "flows:read",
    tags: ["Workflow editor"],
    summary: "The project's flows, newest first, with the connections each references",
    query: ZListFlowsQuery,
    success: { 200: { description: "One page", schema: zPage(ZFlowSummary) } },
    errors: { 400: ["invalid_request"] },
  },
  {
    operationId: "putFlow",
    method: "put",
    path: "/flows/{id}",
    scope: "flows:write",
    tags: ["Workflow editor"],
    summary: "Create or update a flow; `publish: true` also publishes this draft",
    description:
      "The id is chosen by the editor and is unique within the API key's project. Send `If-Match` with the flow's ETag to update only the version you read (412 otherwise); `If-Match: *` updates only an existing flow.",
    params: ZFlowIdParam,
    headers: [{ name: "If-Match", schema: ZIfMatchHeader }],
    body: ZPutFlowBody,
    maxBodyBytes: MAX_FLOW_BYTES,
    success: {
      200: { description: "Updated", schema: ZFlowAnswer, headers: { ETag: "The flow's new version" } },
      201: { description: "Created", schema: ZFlowAnswer, headers: { ETag: "The flow's new version", Location: "The flow's URL" } },
    },
    errors: { 400: ["invalid_request"], 412: ["precondition_failed"] },
  },
  {
    operationId: "deleteFlow",
    method: "delete",
    path: "/flows/{id}",
    scope: "flows:write",
    tags: ["Workflow editor"],
    summary: "Delete a flow",
    params: ZFlowIdParam,
    success: { 204: { description: "Deleted" } },
    errors: { 400: ["invalid_request"], 404: ["flow_not_found"] },
  },
  {
    operationId: "createEmbedSession",
    method: "post",
    path: "/embed/sessions",
    scope: "embed:sessions",
    tags: ["Workflow editor"],
    summary: "A one-time token that opens the connection picker in an iframe for one member of this project",
    description:
      "Call it from the workflow editor's back end, never from a browser (the API key must stay secret). Load the iframe at `pickerPath` plus `&piece=<pieceName>` within `ttlSeconds`; the token works once.",
    body: ZCreateEmbedSessionBody,
    maxBodyBytes: MAX_EMBED_SESSION_BYTES,
    noStore: true,
    success: { 201: { description: "Issued", schema: ZEmbedSession, headers: { Location: "The picker's URL (pickerUrl)" } } },
    errors: { 400: ["invalid_request"], 403: ["insufficient_role"], 404: ["user_not_found"] },
  },
  {
    operationId: "getOpenApiDocument",
    method: "get",
    path: "/openapi.json",
    scope: null,
    tags: ["Reference"],
    summary: "This document (OpenAPI 3.1)",
    success: { 200: { description: "The OpenAPI 3.1 document of this API" } },
    errors: {},
  },
] as const satisfies readonly ApiOperation[];

export type OperationId = (typeof operationList)[number]["operationId"];

export const apiOperations: readonly ApiOperation[] = operationList;

/** `/flows/{id}` → `/flows/:id` (Hono's syntax). */
export function honoPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ":$1");
}

/** The methods each documented path answers, for 405 + Allow on any other method. */
export const allowedMethods: { pattern: RegExp; allow: string }[] = [...new Set(apiOperations.map((op) => op.path))].map((path) => {
  const methods = apiOperations.filter((op) => op.path === path).map((op) => op.method.toUpperCase());
  if (methods.includes("GET")) methods.push("HEAD");
  const pattern = new RegExp(`^/api/v1${path.replace(/\{\w+\}/g, "[^/]+")}/?$`);
  return { pattern, allow: methods.join(", ") };
});

/** Status codes every operation guarded by an API key can answer, with their codes. */
export const GUARDED_ERRORS: Record<number, string[]> = {
  401: ["unauthorized"],
  403: ["insufficient_scope"],
  413: ["payload_too_large"],
  429: ["too_many_requests"],
  500: ["internal"],
  // The database is unreachable (the key check reads it): a JSON error, to retry later.
  503: ["unavailable"],
};
