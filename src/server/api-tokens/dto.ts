import type { apiTokens } from "@/server/db/schema";

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** What the API keys page shows: never the token or its hash. */
export interface ApiKeyDto {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: { name: string; email: string } | null;
}

export const TOKEN_PREFIX = "cmk_";
/** Characters kept in clear to recognise a token in the list: "cmk_" and 8 more. */
export const SHOWN_PREFIX_LENGTH = 12;
