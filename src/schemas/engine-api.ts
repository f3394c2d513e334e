import { z } from "zod";
import { basicValueSchema, customAuthValueSchema, oauth2ValueSchema, secretTextValueSchema } from "@/pieces/connection-value";
import { CONNECTION_STATUSES, CONNECTION_TYPES } from "./connections";
import { FLOW_ID_PATTERN, ZFlowId, ZPutFlowBody } from "./flows";
import { zText } from "./primitives";

// The engine API's (/api/v1) request and answer shapes. The routes validate requests with these
// (or with the service schemas they are built from) and the OpenAPI document is generated from
// them (src/server/http/api-contract.ts), so the two cannot drift apart.

const isoDate = () => z.iso.datetime({ offset: true });

// ---- errors ----------------------------------------------------------------------------------

/** Every 4xx/5xx body. `error` is a stable machine code; `message` is for people. */
export const ZApiError = z.object({
  error: z.string().describe("A stable machine code, e.g. connection_not_found"),
  message: z.string().describe("What went wrong, for a person"),
  fieldErrors: z.record(z.string(), z.string()).optional().describe("400 only: the message for each invalid field (a dotted path; `_` for the whole body)"),
  reference: z.string().optional().describe("POST /worker/resolve: the {{connections['…']}} reference that failed"),
  externalId: z.string().optional().describe("POST /worker/resolve: the connection the failing reference names"),
  keyId: z.string().optional().describe("connection_undecryptable: the id of the encryption key the stored value needs (never a key)"),
});
export type ApiErrorBody = z.infer<typeof ZApiError>;

// ---- parameters ------------------------------------------------------------------------------

export const ZExternalIdParam = z.object({ externalId: zText({ max: 200 }).min(1).describe("The connection's external id (as in {{connections['…']}})") });
export const ZFlowIdParam = z.object({ id: ZFlowId.describe("The flow's id, chosen by the editor: 1 to 64 letters, digits, “-” or “_”") });

export const ZFlowIdHeader = zText({ max: 64 })
  .regex(FLOW_ID_PATTERN)
  .describe("The flow using the connection: updates Last Used and adds a “used by flow” audit event (at most once a minute per connection and flow).");

export const ZIfMatchHeader = zText({ max: 200 }).describe(
  "The ETag of the version this update is based on (from a previous answer or GET /flows), or * for any existing version",
);

/** A list call's paging: `limit` 1–100 (default 50) and the previous page's `nextCursor`. */
export const ZListPaging = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50).describe("Items per page, 1 to 100"),
  cursor: zText({ max: 500 }).min(1).optional().describe("The `nextCursor` of the previous page (opaque)"),
});

export const ZListConnectionsQuery = ZListPaging.extend({
  pieceName: zText({ max: 100 }).min(1).optional().describe("Only connections of this app (its `name`, e.g. slack)"),
  status: z.enum(CONNECTION_STATUSES).optional().describe("Only connections in this status"),
  q: zText({ max: 100 }).trim().min(1).optional().describe("Case-insensitive substring of the display name or the external id"),
});
export type TListConnectionsQuery = z.output<typeof ZListConnectionsQuery>;

export const ZListFlowsQuery = ZListPaging.extend({
  q: zText({ max: 100 }).trim().min(1).optional().describe("Case-insensitive substring of the flow's name or id"),
});
export type TListFlowsQuery = z.output<typeof ZListFlowsQuery>;

export const ZListPiecesQuery = ZListPaging;

// ---- bodies ----------------------------------------------------------------------------------

export const ZResolveBody = z.object({
  input: z.unknown().describe("Any JSON; every {{connections['x']}} / {{connections['x'].path}} in it is replaced"),
});

export { ZPutFlowBody };

export const ZCreateEmbedSessionBody = z.object({
  userEmail: zText({ max: 254 })
    .trim()
    .toLowerCase()
    .email("userEmail must be an e-mail address")
    .describe(
      "An editor or admin of the API key's project. The picker acts for this user with at most editor rights, and only lists, creates, reconnects and authorizes connections.",
    ),
  ttlSeconds: z.number().int().min(30).max(300).default(300).describe("How long the one-time token may wait to be used"),
});

// ---- answers ---------------------------------------------------------------------------------

const connectionHead = {
  id: z.string(),
  externalId: z.string(),
  displayName: z.string(),
  pieceName: z.string(),
};

/**
 * GET /worker/connections/{externalId}: tagged twice, truthfully. The connection's `type` is the
 * app's auth type (SECRET_TEXT, BASIC, CUSTOM, OAUTH2); the stored `value` carries its own `type`,
 * which is the same except CUSTOM, whose value is tagged CUSTOM_AUTH (the stored format, kept).
 */
export const ZEngineConnection = z
  .discriminatedUnion("type", [
    z.object({ ...connectionHead, type: z.literal("SECRET_TEXT"), value: secretTextValueSchema }).meta({ title: "SecretTextConnection" }),
    z.object({ ...connectionHead, type: z.literal("BASIC"), value: basicValueSchema }).meta({ title: "BasicConnection" }),
    z.object({ ...connectionHead, type: z.literal("CUSTOM"), value: customAuthValueSchema }).meta({ title: "CustomConnection" }),
    z.object({ ...connectionHead, type: z.literal("OAUTH2"), value: oauth2ValueSchema }).meta({ title: "OAuth2Connection" }),
  ])
  .meta({ id: "ConnectionWithValue" });

export const ZResolveAnswer = z.object({
  output: z
    .unknown()
    .describe("The same JSON with each reference replaced: a string that is exactly one reference becomes the value; a reference inside text is spliced in."),
});

export const ZFlowStepOut = z
  .object({
    name: z.string(),
    displayName: z.string().optional(),
    pieceName: z.string(),
    input: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "Step" });

export const ZFlow = z
  .object({
    id: z.string(),
    name: z.string(),
    enabled: z.boolean(),
    draft: z.array(ZFlowStepOut),
    published: z.array(ZFlowStepOut).nullable(),
    publishedAt: isoDate().nullable(),
    createdAt: isoDate(),
    updatedAt: isoDate(),
  })
  .meta({ id: "Flow" });

export const ZFlowAnswer = z.object({ flow: ZFlow });

export const ZEmbedSession = z.object({
  token: z.string().meta({ example: "embt_…" }),
  expiresAt: isoDate(),
  projectId: z.string(),
  pickerPath: z.string().meta({ example: "/embed/connections?token=embt_…" }),
  pickerUrl: z.string().describe("pickerPath on the app's public origin (APP_URL, else the Host this request was sent to)"),
});

/** One connection in GET /connections: metadata only, never a value nor a hint of one. */
export const ZConnectionSummary = z
  .object({
    id: z.string(),
    externalId: z.string(),
    displayName: z.string(),
    pieceName: z.string(),
    type: z.enum(CONNECTION_TYPES),
    status: z.enum(CONNECTION_STATUSES),
    statusReason: z.string().nullable(),
    tokenExpiresAt: isoDate().nullable(),
    createdAt: isoDate(),
    updatedAt: isoDate(),
    lastUsedAt: isoDate().nullable(),
  })
  .meta({ id: "ConnectionSummary" });

export const ZFlowSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    enabled: z.boolean(),
    published: z.boolean().describe("Whether a published version exists"),
    publishedAt: isoDate().nullable(),
    createdAt: isoDate(),
    updatedAt: isoDate(),
    etag: z.string().describe("The flow's current ETag: send it as If-Match on PUT /flows/{id}"),
    connections: z.array(z.string()).describe("The externalIds the draft or the published version references, sorted"),
  })
  .meta({ id: "FlowSummary" });

const ZAuthProp = z
  .object({
    displayName: z.string(),
    type: z.enum(["text", "secret", "number", "checkbox", "dropdown", "url", "textarea"]),
    required: z.boolean(),
    description: z.string().optional(),
    placeholder: z.string().optional(),
    defaultValue: z.union([z.string(), z.number(), z.boolean()]).optional(),
    options: z.array(z.object({ label: z.string(), value: z.string() })).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().optional(),
  })
  .meta({ id: "AuthField" });

const authHead = { displayName: z.string(), description: z.string() };

export const ZPieceAuth = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("SECRET_TEXT"), ...authHead, pattern: z.string().optional(), patternHint: z.string().optional() }),
    z.object({
      type: z.literal("BASIC"),
      ...authHead,
      username: z.object({ displayName: z.string(), description: z.string().optional() }),
      password: z.object({ displayName: z.string(), description: z.string().optional() }),
    }),
    z.object({ type: z.literal("CUSTOM"), ...authHead, props: z.record(z.string(), ZAuthProp) }),
    z.object({
      type: z.literal("OAUTH2"),
      ...authHead,
      authUrl: z.string(),
      tokenUrl: z.string(),
      scopes: z.array(z.string()),
      pkce: z.boolean(),
      grantType: z.enum(["authorization_code", "client_credentials"]),
      extraAuthParams: z.record(z.string(), z.string()).optional(),
      props: z.record(z.string(), ZAuthProp).optional(),
    }),
  ])
  .meta({ id: "PieceAuth" });

export const ZPieceSummary = z
  .object({
    name: z.string().describe("The app's id, as pieceName everywhere"),
    displayName: z.string(),
    description: z.string(),
    category: z.string(),
    auths: z.array(ZPieceAuth).describe("How a connection of this app authenticates (empty: it needs none); the fields an editor renders"),
  })
  .meta({ id: "Piece" });

/** `{ data, nextCursor }`: nextCursor is null on the last page. */
export function zPage<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page") });
}
