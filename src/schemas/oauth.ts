import { z } from "zod";
import { zJsonObject, zText } from "./primitives";
import { isSafeRedirectPath } from "@/lib/safe-redirect";
import { ZConnectionId, ZDisplayName } from "./connections";

export const ZPieceName = zText({ max: 100 }).trim().min(1, "Choose an app");

/** A path inside this app, never another site: the redirect fallback returns there. */
export const ZReturnTo = zText({ max: 2000 }).refine(isSafeRedirectPath, "Must be a path in this app");

export const ZStartOAuthInput = z.object({
  /** A new connection: its app and name. */
  pieceName: ZPieceName.optional(),
  displayName: ZDisplayName.optional(),
  /** Reconnect: the existing connection instead. */
  connectionId: ZConnectionId.optional(),
  /** Fields asked before authorizing (a custom app's endpoints and client); parsed by the app's schema. */
  props: zJsonObject().optional(),
  /** popup: the callback messages the opener; redirect: the fallback when popups are blocked. */
  mode: z.enum(["popup", "redirect"]).default("popup"),
  returnTo: ZReturnTo.optional(),
});
export type TStartOAuthInput = z.input<typeof ZStartOAuthInput>;

export const ZOAuthPieceInput = z.object({ pieceName: ZPieceName });

export const ZSetOAuthAppInput = z.object({
  pieceName: ZPieceName,
  clientId: zText({ max: 500 }).trim().min(1, "Client ID is required"),
  clientSecret: zText({ max: 4000 }).trim().min(1, "Client secret is required"),
});
export type TSetOAuthAppInput = z.input<typeof ZSetOAuthAppInput>;

/** Completes an authorization through the opener's own sign-in (the embedded picker's popup has no session). */
export const ZCompleteOAuthInput = z.object({ query: zText({ max: 8000 }) });

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
