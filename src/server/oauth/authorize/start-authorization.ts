import { eq } from "drizzle-orm";
import { maskSetupProps, type PropValue } from "@/pieces/value-schema";
import { assertCanWrite } from "@/server/connections/assert-can-write";
import { assertNameFree } from "@/server/connections/find";
import { toConnectionDto, type ConnectionRow } from "@/server/connections/dto";
import { findConnectionOrThrow } from "@/server/connections/find";
import { insertConnection } from "@/server/connections/insert-connection";
import { connections, oauthStates } from "@/server/db/schema";
import { ForbiddenError, ValidationError } from "@/server/errors";
import { ZStartOAuthInput } from "@/schemas/oauth";
import { parseOrThrow } from "@/server/validation";
import { connectWithClientCredentials } from "./client-credentials";
import type { OAuthRequestCtx } from "./request-ctx";
import { buildAuthorizeUrl, generateCodeVerifier, generateState } from "../provider/endpoints";
import { lastEnteredProps } from "./pending-props";
import { oauthRedirectUri } from "./redirect-uri";
import { parseOAuthProps, resolveOAuthPiece, resolveOAuthSettings, type OAuth2Auth } from "../provider/settings";
import { hashState, sealStatePayload, STATE_TTL_MS, type StatePayload } from "./state";

export const PENDING_REASON = "Authorization was started but not finished — Reconnect to finish it";

/** Reconnect keeps secret fields left blank (they are never sent back to the form). */
function mergeProps(auth: OAuth2Auth, stored: Record<string, PropValue>, given: Record<string, unknown> | undefined) {
  if (!given) return stored;
  const merged: Record<string, unknown> = { ...given };
  for (const [key, prop] of Object.entries(auth.props ?? {})) {
    const blank = merged[key] === undefined || merged[key] === null || merged[key] === "";
    if (prop.type === "secret" && blank && stored[key] !== undefined) merged[key] = stored[key];
  }
  return merged;
}

/**
 * Starts an OAuth2 authorization for a new connection (saved as Missing until the provider
 * answers) or for Reconnect of an existing one. Returns the provider URL for the popup, bound by
 * a single-use state to this user, project and connection. Client-credentials apps need no
 * consent: the token is fetched at once and no URL is returned.
 */
export async function startAuthorization({ ctx, input }: { ctx: OAuthRequestCtx; input: unknown }) {
  assertCanWrite(ctx);
  if (ctx.actor.type !== "USER" || !ctx.actor.id) throw new ForbiddenError("Only a signed-in person can authorize an app");
  const data = parseOrThrow(ZStartOAuthInput, input);

  let existing: ConnectionRow | undefined;
  if (data.connectionId) {
    existing = await findConnectionOrThrow(ctx.db, ctx.projectId, data.connectionId);
    if (existing.type !== "OAUTH2") throw new ValidationError("This connection is not authorized with OAuth2");
  } else if (!data.pieceName || !data.displayName) {
    const fieldErrors: Record<string, string> = {};
    if (!data.pieceName) fieldErrors.pieceName = "Choose an app";
    if (!data.displayName) fieldErrors.displayName = "A name is required";
    throw new ValidationError(Object.values(fieldErrors)[0]!, fieldErrors);
  }

  const { piece, auth } = resolveOAuthPiece(existing?.pieceName ?? data.pieceName!);
  const props = parseOAuthProps(auth, mergeProps(auth, await lastEnteredProps(ctx.db, existing), data.props));
  if (!existing) await assertNameFree(ctx.db, ctx.projectId, data.displayName!);
  const settings = await resolveOAuthSettings(ctx.db, { piece, auth, props });

  if (settings.grantType === "client_credentials") {
    const connection = await connectWithClientCredentials({ ctx, piece, auth, settings, props, existing, displayName: data.displayName });
    return { authorizeUrl: null, connection: toConnectionDto(connection) };
  }

  const connection =
    existing ??
    (await insertConnection(ctx, {
      displayName: data.displayName!,
      pieceName: piece.name,
      type: "OAUTH2",
      status: "MISSING",
      // Masked hints of what was entered, so Reconnect can fill the form in if the popup is closed.
      fields: () => ({ statusReason: PENDING_REASON, valueHints: maskSetupProps(auth, props) }),
      auditDetails: { status: "MISSING" },
    }));
  if (existing && !existing.value) {
    await ctx.db
      .update(connections)
      .set({ valueHints: maskSetupProps(auth, props) })
      .where(eq(connections.id, existing.id));
  }

  const state = generateState();
  const stateHash = hashState(state);
  const codeVerifier = settings.pkce ? generateCodeVerifier() : null;
  const redirectUri = oauthRedirectUri(ctx.requestOrigin);
  const payload: StatePayload = { v: 1, intent: existing ? "reconnect" : "create", codeVerifier, settings, props };
  const sealed = sealStatePayload(stateHash, payload);
  await ctx.db.insert(oauthStates).values({
    stateHash,
    userId: ctx.actor.id,
    projectId: ctx.projectId,
    connectionId: connection.id,
    payload: sealed.ciphertext,
    keyId: sealed.keyId,
    redirectUri,
    mode: data.mode,
    returnTo: data.returnTo ?? null,
    expiresAt: new Date(Date.now() + STATE_TTL_MS),
  });

  const authorizeUrl = await buildAuthorizeUrl(settings, { state, redirectUri, codeVerifier });
  return { authorizeUrl, connection: toConnectionDto(connection) };
}
