import { z } from "zod";
import { ZFlowId, ZFlowName, ZFlowSteps } from "@/schemas/flows";

// What an export file holds once opened. Values are the decrypted credentials: the file is only
// ever written sealed with the exporter's passphrase (sealed-file.ts).

const isoDate = z.string().datetime({ offset: true }).nullable();

export const ZBundleConnection = z.object({
  externalId: z.string().min(1).max(200),
  displayName: z.string().trim().min(1).max(200),
  pieceName: z.string().min(1).max(100),
  type: z.enum(["SECRET_TEXT", "BASIC", "CUSTOM", "OAUTH2"]),
  status: z.enum(["ACTIVE", "MISSING", "ERROR"]),
  statusReason: z.string().max(2_000).nullable(),
  /** Masked hints as the source showed them (never a secret). */
  valueHints: z.record(z.string(), z.string()),
  tokenExpiresAt: isoDate,
  /** The decrypted credentials; null when the source had none (Missing) or could not open them. */
  value: z.record(z.string(), z.unknown()).nullable(),
});
export type BundleConnection = z.infer<typeof ZBundleConnection>;

export const ZBundleFlow = z.object({
  id: ZFlowId,
  name: ZFlowName,
  enabled: z.boolean(),
  draft: ZFlowSteps,
  published: ZFlowSteps.nullable(),
  publishedAt: isoDate,
});
export type BundleFlow = z.infer<typeof ZBundleFlow>;

export const ZBundleOAuthApp = z.object({
  pieceName: z.string().min(1).max(100),
  clientId: z.string().min(1).max(1_000),
  clientSecret: z.string().min(1).max(10_000),
});
export type BundleOAuthApp = z.infer<typeof ZBundleOAuthApp>;

export const ZBundle = z.object({
  exportedAt: z.string(),
  source: z.object({ projectName: z.string() }),
  connections: z.array(ZBundleConnection).max(100_000),
  flows: z.array(ZBundleFlow).max(100_000),
  oauthApps: z.array(ZBundleOAuthApp).max(1_000),
});
export type Bundle = z.infer<typeof ZBundle>;
