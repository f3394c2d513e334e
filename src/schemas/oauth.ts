import { z } from "zod";
import { isSafeRedirectPath } from "@/lib/safe-redirect";
import { ZConnectionId, ZDisplayName } from "./connections";

export const ZPieceName = z.string().trim().min(1, "Choose an app").max(100);

/** A path inside this app, never another site: the redirect fallback returns there. */
export const ZReturnTo = z
  .string()
  .max(2000)
  .refine(isSafeRedirectPath, "Must be a path in this app");

export const ZStartOAuthInput = z.object({
  /** A new connection: its app and name. */
  pieceName: ZPieceName.optional(),
  displayName: ZDisplayName.optional(),
  /** Reconnect: the existing connection instead. */
  connectionId: ZConnectionId.optional(),
  /** Fields asked before authorizing (a custom app's endpoints and client); parsed by the app's schema. */
  props: z.record(z.string(), z.unknown()).optional(),
  /** popup: the callback messages the opener; redirect: the fallback when popups are blocked. */
  mode: z.enum(["popup", "redirect"]).default("popup"),
  returnTo: ZReturnTo.optional(),
});
export type TStartOAuthInput = z.input<typeof ZStartOAuthInput>;

export const ZOAuthPieceInput = z.object({ pieceName: ZPieceName });

export const ZSetOAuthAppInput = z.object({
  pieceName: ZPieceName,
  clientId: z.string({ error: "Client ID is required" }).trim().min(1, "Client ID is required").max(500, "Use at most 500 characters"),
  clientSecret: z.string({ error: "Client secret is required" }).trim().min(1, "Client secret is required").max(4000, "Use at most 4000 characters"),
});
export type TSetOAuthAppInput = z.input<typeof ZSetOAuthAppInput>;

/** Completes an authorization through the opener's own sign-in (the embedded picker's popup has no session). */
export const ZCompleteOAuthInput = z.object({ query: z.string().max(8000) });

/** Sent by a callback without a session: the provider's answer, for the opener to complete. */
export interface OAuthCallbackRelayMessage {
  type: "oauth-callback";
  query: string;
}

/** What the popup tells its opener, and what the redirect fallback puts in the query string. */
export interface OAuthResultMessage {
  type: "oauth-result";
  ok: boolean;
  connectionId: string | null;
  error?: string;
}
