import { z } from "zod";
import { API_KEY_SCOPE_INFO } from "@/schemas/api-keys";
import { ZApiError } from "@/schemas/engine-api";
import { apiOperations, GUARDED_ERRORS, type ApiOperation } from "./api-contract";

// The engine API's contract, served at /api/v1/openapi.json: generated once, at first request, from
// the operations of api-contract.ts and the zod schemas the routes validate with.

type Json = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: "Bad request: a parameter, header or the body is invalid (fieldErrors names each field)",
  401: "No valid, unrevoked API key",
  403: "The key lacks the operation's scope, or the action is refused",
  404: "Not found in the key's project",
  409: "The connection cannot be used as it is",
  412: "If-Match names another version of the flow",
  413: "The body is too large (the connection is closed)",
  422: "A reference cannot be resolved",
  429: "This client address presented too many invalid API keys: wait Retry-After seconds",
  500: "Unexpected error (logged with the request id)",
  503: "A dependency (the OAuth provider) is unavailable: try again",
};

const ERROR_HINTS: Record<string, string> = {
  unauthorized: "no valid, unrevoked API key",
  insufficient_scope: "the key lacks the scope",
  insufficient_role: "the user is a viewer of the project",
  payload_too_large: "the body is over the limit",
  too_many_requests: "too many invalid API keys from this address",
  internal: "unexpected error",
  invalid_request: "a parameter or the body is invalid",
  invalid_flow_id: "the X-Flow-Id header is invalid",
  connection_not_found: "no connection with that externalId",
  connection_error: "the connection is in error (e.g. revoked): Reconnect it",
  connection_missing: "the connection has no usable credentials yet",
  connection_undecryptable: "the stored value needs an encryption key this server lacks",
  connection_unavailable: "the OAuth provider could not refresh the token now",
  reference_path_not_found: "the reference's path does not exist in the value",
  too_many_connections: "more different connections than one request may use",
  flow_not_found: "no flow with that id",
  user_not_found: "no member of the project uses that e-mail",
  precondition_failed: "If-Match does not match the flow's current ETag",
};

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), shared parts hoisted to components. */
function schemaOf(schema: z.ZodType, io: "input" | "output", components: Record<string, unknown>): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" }) as Json;
  delete json.$schema;
  const defs = (json.$defs ?? {}) as Record<string, Json>;
  delete json.$defs;
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (!node || typeof node !== "object") return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node as Json)) {
      if (key === "$ref" && typeof value === "string") out[key] = value.replace(/^#\/\$defs\//, "#/components/schemas/");
      else if (key === "id" && typeof value === "string" && "type" in (node as Json))
        continue; // zod's meta id, not a schema keyword
      else out[key] = rewrite(value);
    }
    return out;
  };
  for (const [name, def] of Object.entries(defs)) components[name] = rewrite(def);
  return rewrite(json) as Json;
}

function errorResponse(status: number, codes: string[]): Json {
  const described = codes.map((code) => `\`${code}\` (${ERROR_HINTS[code] ?? code})`).join(", ");
  const response: Json = {
    description: `${STATUS_TEXT[status] ?? "Error"}. error: ${described}`,
    headers: { "X-Request-Id": { $ref: "#/components/headers/RequestId" } },
    content: {
      "application/json": {
        schema: { allOf: [{ $ref: "#/components/schemas/Error" }, { type: "object", properties: { error: { type: "string", enum: codes } } }] },
      },
    },
  };
  if (status === 429) (response.headers as Json)["Retry-After"] = { description: "Seconds until the address may try again", schema: { type: "integer" } };
  if (status === 401) (response.headers as Json)["WWW-Authenticate"] = { description: 'Bearer realm="api"', schema: { type: "string" } };
  return response;
}

function parametersOf(op: ApiOperation, components: Record<string, unknown>): Json[] {
  const params: Json[] = [];
  const fromObject = (object: z.ZodObject | undefined, where: "path" | "query") => {
    if (!object) return;
    const json = schemaOf(object, "input", components) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(json.properties ?? {})) {
      const { description, ...rest } = schema;
      params.push({
        name,
        in: where,
        required: where === "path" || (json.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  };
  fromObject(op.params, "path");
  fromObject(op.query, "query");
  for (const header of op.headers ?? []) {
    const { description, ...schema } = schemaOf(header.schema, "input", components);
    params.push({ name: header.name, in: "header", required: header.required ?? false, ...(description ? { description } : {}), schema });
  }
  return params;
}

function operationOf(op: ApiOperation, components: Record<string, unknown>): Json {
  const responses: Json = {};
  for (const [status, spec] of Object.entries(op.success)) {
    const headers: Json = { "X-Request-Id": { $ref: "#/components/headers/RequestId" } };
    for (const [name, description] of Object.entries(spec.headers ?? {})) headers[name] = { description, schema: { type: "string" } };
    if (op.noStore) headers["Cache-Control"] = { description: "no-store: the answer carries a credential", schema: { type: "string", const: "no-store" } };
    responses[status] = {
      description: spec.description,
      headers,
      ...(spec.schema ? { content: { "application/json": { schema: schemaOf(spec.schema, "output", components) } } } : {}),
    };
    if (!spec.schema && op.operationId === "getOpenApiDocument")
      responses[status] = { ...(responses[status] as Json), content: { "application/json": { schema: { type: "object" } } } };
  }
  const errors: Record<number, string[]> = {};
  for (const [status, codes] of Object.entries(op.scope ? GUARDED_ERRORS : {})) errors[Number(status)] = [...codes];
  for (const [status, codes] of Object.entries(op.errors)) errors[Number(status)] = [...new Set([...(errors[Number(status)] ?? []), ...(codes ?? [])])];
  for (const status of Object.keys(errors).map(Number).sort()) responses[status] = errorResponse(status, errors[status]!);

  const scopeNote = op.scope ? ` Needs an API key with the scope \`${op.scope}\`.` : " Public: no API key.";
  const operation: Json = {
    operationId: op.operationId,
    summary: op.summary,
    description: `${op.description ?? op.summary}.${scopeNote}`.replace(/\.\./g, "."),
    tags: op.tags,
    security: op.scope ? [{ bearer: [op.scope] }] : [],
  };
  const parameters = parametersOf(op, components);
  if (parameters.length) operation.parameters = parameters;
  if (op.body) operation.requestBody = { required: true, content: { "application/json": { schema: schemaOf(op.body, "input", components) } } };
  operation.responses = responses;
  return operation;
}

function buildDocument() {
  const components: Record<string, unknown> = {};
  const paths: Record<string, Json> = {};
  for (const op of apiOperations) (paths[op.path] ??= {})[op.method] = operationOf(op, components);
  components.Error = schemaOf(ZApiError, "output", components);
  const scopes = Object.entries(API_KEY_SCOPE_INFO)
    .map(([scope, info]) => `\`${scope}\` (${info.label})`)
    .join(", ");
  return {
    openapi: "3.1.0",
    info: {
      title: "Connections manager — engine API",
      version: "1",
      description: [
        "Project-scoped API for the flow engine and the workflow editor. Authenticate with an API key from Settings → API keys: `Authorization: Bearer <key>`.",
        `Scopes: ${scopes}.`,
        "Every error is JSON `{ error, message, fieldErrors? }` with a stable machine code in `error`. A method a path does not support answers 405 with `Allow`. Every answer carries `X-Request-Id` (a sane one sent is echoed, else a new one).",
        "Lists take `limit` (1–100, default 50) and `cursor` (the previous page's `nextCursor`, opaque) and answer `{ data, nextCursor }`.",
      ].join("\n\n"),
    },
    servers: [{ url: "/api/v1", description: "This server" }],
    tags: [
      { name: "Flow engine", description: "Run time: credentials for the steps of a flow (scope connections:read)" },
      { name: "Workflow editor", description: "Design time: connections and apps to choose from, flows, the embedded connection picker" },
      { name: "Reference", description: "This document" },
    ],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API key (cmk_…) of one project. Each operation names the scope the key needs." },
      },
      headers: {
        RequestId: {
          description: "The request's id (the X-Request-Id sent, if sane, else a new one): quote it when reporting a problem",
          schema: { type: "string" },
        },
      },
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}

let built: ReturnType<typeof buildDocument> | null = null;
let serialized: string | null = null;

/** The document, built on first use (the routes never look at it). */
export function openApiDocument(): ReturnType<typeof buildDocument> {
  return (built ??= buildDocument());
}

/** The document as JSON text, serialized once. */
export function openApiJson(): string {
  return (serialized ??= JSON.stringify(openApiDocument()));
}
