import { z } from "zod";
import { zJsonObject, zText } from "./primitives";

import { CONNECTION_SORTS, CONNECTION_STATUSES, CONNECTION_TYPES } from "@/lib/connection-constants";

export { CONNECTION_SORTS, CONNECTION_STATUSES, CONNECTION_TYPES };

export const ZConnectionStatus = z.enum(CONNECTION_STATUSES);
export const ZConnectionType = z.enum(CONNECTION_TYPES);

export const ZDisplayName = zText({ max: 100 }).trim().min(1, "A name is required");

export const ZConnectionId = zText({ max: 64 }).trim().min(1);

/** Raw credentials as a form sends them; each piece's own schema parses them in the service. */
export const ZCredentialsInput = zJsonObject();

export const ZListConnectionsInput = z.object({
  search: zText({ max: 100 }).trim().optional(),
  status: z.array(ZConnectionStatus).max(3).optional(),
  pieces: z
    .array(zText({ max: 100 }))
    .max(50)
    .optional(),
  sort: z.enum(CONNECTION_SORTS).default("createdAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});
export type TListConnectionsInput = z.input<typeof ZListConnectionsInput>;

export const ZCreateConnectionInput = z.object({
  pieceName: zText({ max: 100 }).trim().min(1, "Choose an app"),
  type: ZConnectionType,
  displayName: ZDisplayName,
  credentials: ZCredentialsInput,
});
export type TCreateConnectionInput = z.input<typeof ZCreateConnectionInput>;

export const ZUpdateConnectionInput = z.object({
  connectionId: ZConnectionId,
  displayName: ZDisplayName.optional(),
  /** New credentials; omitted to keep the stored ones. */
  credentials: ZCredentialsInput.optional(),
});
export type TUpdateConnectionInput = z.input<typeof ZUpdateConnectionInput>;

export const ZReconnectConnectionInput = z.object({
  connectionId: ZConnectionId,
  credentials: ZCredentialsInput,
});

export const ZDeleteConnectionsInput = z.object({
  connectionIds: z.array(ZConnectionId).min(1, "Select at least one connection").max(100, "Delete at most 100 at once"),
  /** Required when flows use them: the fingerprint of the affected flows the user was shown. */
  confirmAffected: zText({ max: 128 }).optional(),
});
