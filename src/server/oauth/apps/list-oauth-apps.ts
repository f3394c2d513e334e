import { eq } from "drizzle-orm";
import { listPieces } from "@/pieces";
import { maskSecret } from "@/lib/mask";
import type { ServiceCtx } from "@/server/context";
import { oauthApps, users } from "@/server/db/schema";
import { configuredOrigin } from "@/server/http/public-origin";
import { oauthRedirectUri } from "../authorize/redirect-uri";
import { bringsOwnClient, type OAuth2Auth } from "../provider/settings";
import { defaultClient } from "./configured-clients";

export interface OAuthAppDto {
  pieceName: string;
  displayName: string;
  /** Where the client comes from now: an admin's app, the server's default, or nowhere yet. */
  source: "admin" | "default" | "none";
  clientId: string | null;
  /** Masked; the secret itself is never sent back. */
  secretHint: string | null;
  /** Also configured in OAUTH_DEFAULT_APPS (used when the admin's app is removed). */
  hasDefault: boolean;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** Catalogue apps that authorize through OAuth2 with a server-side client (not the generic ones). */
export function oauthCapablePieces() {
  return listPieces().flatMap((piece) => {
    const auth = piece.auths.find((a): a is OAuth2Auth => a.type === "OAUTH2");
    return auth && !bringsOwnClient(auth) ? [{ piece, auth }] : [];
  });
}

/** Every OAuth-capable app with where its client comes from, and the redirect URL to register. */
export async function listOAuthApps({ ctx }: { ctx: ServiceCtx & { requestOrigin?: string | null } }) {
  const rows = await ctx.db
    .select({
      pieceName: oauthApps.pieceName,
      clientId: oauthApps.clientId,
      secretHint: oauthApps.secretHint,
      updatedAt: oauthApps.updatedAt,
      updatedBy: users.email,
    })
    .from(oauthApps)
    .leftJoin(users, eq(users.id, oauthApps.updatedBy));
  const byPiece = new Map(rows.map((r) => [r.pieceName, r]));
  const apps: OAuthAppDto[] = oauthCapablePieces().map(({ piece }) => {
    const admin = byPiece.get(piece.name);
    const fallback = defaultClient(piece.name);
    return {
      pieceName: piece.name,
      displayName: piece.displayName,
      source: admin ? "admin" : fallback ? "default" : "none",
      clientId: admin?.clientId ?? fallback?.clientId ?? null,
      secretHint: admin?.secretHint ?? (fallback ? maskSecret(fallback.clientSecret) : null),
      hasDefault: Boolean(fallback),
      updatedAt: admin?.updatedAt ?? null,
      updatedBy: admin?.updatedBy ?? null,
    };
  });
  // appUrl lets the page warn an admin who reaches the app on another origin than APP_URL.
  return { redirectUri: oauthRedirectUri(ctx.requestOrigin), appUrl: configuredOrigin(), apps };
}
