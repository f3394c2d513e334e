// The engine API's contract, served at /api/v1/openapi.json. Kept by hand beside the routes.
const error = (codes: string[]) => ({
  description: codes.join(" | "),
  content: {
    "application/json": {
      schema: {
        type: "object",
        required: ["error", "message"],
        properties: {
          error: { type: "string", enum: codes },
          message: { type: "string" },
          reference: { type: "string" },
          externalId: { type: "string" },
          // connection_undecryptable: the encryption key id the stored value needs (never a key).
          keyId: { type: "string" },
        },
      },
    },
  },
});

const unauthorized = error(["unauthorized"]);
const throttled = {
  ...error(["too_many_requests"]),
  description: "too_many_requests: this client address presented too many invalid API keys; wait Retry-After seconds",
  headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds until the address may try again" } },
};
const flowIdHeader = {
  name: "X-Flow-Id",
  in: "header",
  required: false,
  description: "The flow using the connection: updates Last Used and adds a “used by flow” audit event (at most once a minute per connection and flow).",
  schema: { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" },
};

const step = {
  type: "object",
  required: ["name", "pieceName"],
  properties: {
    name: { type: "string", maxLength: 100 },
    displayName: { type: "string" },
    pieceName: { type: "string" },
    input: { type: "object", additionalProperties: true, example: { auth: "{{connections['slack-ops']}}" } },
  },
};

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Connections manager — engine API",
    version: "1",
    description:
      "Project-scoped API for the flow engine and the workflow editor. Authenticate with an API key from Settings → API keys: `Authorization: Bearer <key>`.",
  },
  servers: [{ url: "/api/v1" }],
  security: [{ bearer: [] }],
  components: {
    securitySchemes: {
      bearer: { type: "http", scheme: "bearer", description: "An API key (cmk_…) of one project. Each operation lists the scope the key needs." },
    },
    schemas: {
      Step: step,
      Flow: {
        type: "object",
        properties: {
          id: { type: "string" },
          name: { type: "string" },
          enabled: { type: "boolean" },
          draft: { type: "array", items: { $ref: "#/components/schemas/Step" } },
          published: { type: ["array", "null"], items: { $ref: "#/components/schemas/Step" } },
          publishedAt: { type: ["string", "null"], format: "date-time" },
          createdAt: { type: "string", format: "date-time" },
          updatedAt: { type: "string", format: "date-time" },
        },
      },
    },
  },
  paths: {
    "/worker/connections/{externalId}": {
      get: {
        summary: "Decrypted credentials of one connection (scope connections:read)",
        security: [{ bearer: ["connections:read"] }],
        parameters: [{ name: "externalId", in: "path", required: true, schema: { type: "string" } }, flowIdHeader],
        responses: {
          "200": {
            description: "The connection and its credentials; an OAuth2 token is refreshed first when about to expire.",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["id", "externalId", "displayName", "pieceName", "type", "value"],
                  properties: {
                    id: { type: "string" },
                    externalId: { type: "string" },
                    displayName: { type: "string" },
                    pieceName: { type: "string" },
                    type: { type: "string", enum: ["SECRET_TEXT", "BASIC", "CUSTOM", "OAUTH2"] },
                    value: { type: "object", additionalProperties: true },
                  },
                },
              },
            },
          },
          "400": error(["invalid_flow_id"]),
          "401": unauthorized,
          "429": throttled,
          "403": error(["insufficient_scope"]),
          "404": error(["connection_not_found"]),
          "409": error(["connection_error", "connection_missing", "connection_undecryptable"]),
          "503": error(["connection_unavailable"]),
        },
      },
    },
    "/worker/resolve": {
      post: {
        summary: "Replace every {{connections['x']}} / {{connections['x'].path}} in any JSON (scope connections:read)",
        security: [{ bearer: ["connections:read"] }],
        parameters: [flowIdHeader],
        requestBody: {
          required: true,
          content: { "application/json": { schema: { type: "object", required: ["input"], properties: { input: {} } } } },
        },
        responses: {
          "200": {
            description:
              "The same JSON with each reference replaced: a string that is exactly one reference becomes the value; a reference inside text is spliced in.",
            content: { "application/json": { schema: { type: "object", required: ["output"], properties: { output: {} } } } },
          },
          "400": error(["invalid_request", "invalid_flow_id"]),
          "401": unauthorized,
          "429": throttled,
          "403": error(["insufficient_scope"]),
          "404": error(["connection_not_found"]),
          "409": error(["connection_error", "connection_missing", "connection_undecryptable"]),
          "413": error(["payload_too_large"]),
          "422": error(["reference_path_not_found", "too_many_connections"]),
          "503": error(["connection_unavailable"]),
        },
      },
    },
    "/flows/{id}": {
      put: {
        summary: "Create or update a flow; `publish: true` also publishes this draft (scope flows:write)",
        security: [{ bearer: ["flows:write"] }],
        description: "The id is chosen by the editor and is unique within the API key's project.",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" } }],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["name", "draft"],
                properties: {
                  name: { type: "string", maxLength: 200 },
                  enabled: { type: "boolean" },
                  draft: { type: "array", maxItems: 200, items: { $ref: "#/components/schemas/Step" } },
                  publish: { type: "boolean", default: false },
                },
              },
            },
          },
        },
        responses: {
          "200": {
            description: "Updated",
            content: { "application/json": { schema: { type: "object", properties: { flow: { $ref: "#/components/schemas/Flow" } } } } },
          },
          "201": {
            description: "Created",
            content: { "application/json": { schema: { type: "object", properties: { flow: { $ref: "#/components/schemas/Flow" } } } } },
          },
          "400": error(["invalid_request"]),
          "401": unauthorized,
          "429": throttled,
          "403": error(["insufficient_scope"]),
          "413": error(["payload_too_large"]),
        },
      },
      delete: {
        summary: "Delete a flow (scope flows:write)",
        security: [{ bearer: ["flows:write"] }],
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "204": { description: "Deleted" },
          "401": unauthorized,
          "429": throttled,
          "403": error(["insufficient_scope"]),
          "404": error(["flow_not_found"]),
        },
      },
    },
    "/embed/sessions": {
      post: {
        summary: "A one-time token that opens the connection picker in an iframe for one member of this project (scope embed:sessions)",
        security: [{ bearer: ["embed:sessions"] }],
        description:
          "Call it from the workflow editor's back end, never from a browser (the API key must stay secret). Load the iframe at `pickerPath` plus `&piece=<pieceName>` within `ttlSeconds`; the token works once.",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["userEmail"],
                properties: {
                  userEmail: {
                    type: "string",
                    format: "email",
                    description:
                      "An editor or admin of the API key's project. The picker acts for this user with at most editor rights, and only lists, creates, reconnects and authorizes connections.",
                  },
                  ttlSeconds: { type: "integer", minimum: 30, maximum: 300, default: 300 },
                },
              },
            },
          },
        },
        responses: {
          "201": {
            description: "Issued",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["token", "expiresAt", "projectId", "pickerPath", "pickerUrl"],
                  properties: {
                    token: { type: "string", example: "embt_…" },
                    expiresAt: { type: "string", format: "date-time" },
                    projectId: { type: "string" },
                    pickerPath: { type: "string", example: "/embed/connections?token=embt_…" },
                    pickerUrl: {
                      type: "string",
                      format: "uri",
                      description: "pickerPath on the app's public origin (APP_URL, else the Host this request was sent to)",
                      example: "https://connections.example.com/embed/connections?token=embt_…",
                    },
                  },
                },
              },
            },
          },
          "400": error(["invalid_request"]),
          "401": unauthorized,
          "429": throttled,
          "403": error(["insufficient_scope", "insufficient_role"]),
          "404": error(["user_not_found"]),
          "413": error(["payload_too_large"]),
        },
      },
    },
    "/openapi.json": { get: { summary: "This document", security: [], responses: { "200": { description: "OpenAPI 3.1" } } } },
  },
} as const;
