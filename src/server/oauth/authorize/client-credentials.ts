import type { Piece } from "@/pieces";
import type { PropValue } from "@/pieces/value-schema";
import type { ConnectionRow } from "@/server/connections/dto";
import { findConnectionOrThrow } from "@/server/connections/find";
import { insertConnection } from "@/server/connections/insert-connection";
import { UnavailableError, ValidationError } from "@/server/errors";
import { requestClientCredentialsToken, type TokenSet } from "../provider/endpoints";
import { classifyProviderError } from "../provider/errors";
import type { OAuth2Auth, OAuthSettings } from "../provider/settings";
import type { OAuthRequestCtx } from "./request-ctx";
import { storeAuthorizedTokens, tokenColumns } from "./store-tokens";
import { toOAuth2Value } from "../refresh/token-value";

async function fetchToken(piece: Piece, settings: OAuthSettings): Promise<TokenSet> {
  try {
    return await requestClientCredentialsToken(settings);
  } catch (err) {
    const { kind, detail } = classifyProviderError(err);
    if (kind === "transient") throw new UnavailableError(`${piece.displayName} could not be reached: ${detail}. Nothing was saved; try again.`);
    const message = `${piece.displayName} refused the client credentials (${detail}). Nothing was saved.`;
    throw new ValidationError(message, { credentials: message });
  }
}

/**
 * Client-credentials apps connect without a consent screen: the token is requested at once and
 * only a successful answer creates (or reconnects) the connection.
 */
export async function connectWithClientCredentials(input: {
  ctx: OAuthRequestCtx;
  piece: Piece;
  auth: OAuth2Auth;
  settings: OAuthSettings;
  props: Record<string, PropValue>;
  existing?: ConnectionRow;
  displayName?: string;
}): Promise<ConnectionRow> {
  const { ctx, piece, auth, settings, props, existing } = input;
  const tokens = await fetchToken(piece, settings);
  const now = new Date();
  const value = toOAuth2Value(tokens, { now, clientId: settings.client.clientId, props });
  if (!existing) {
    return insertConnection(ctx, {
      displayName: input.displayName!,
      pieceName: piece.name,
      type: "OAUTH2",
      status: "ACTIVE",
      fields: (id) => tokenColumns(id, auth, value, settings.grantType, now),
      auditDetails: { grantType: settings.grantType },
    });
  }
  return ctx.db.transaction(async (tx) => {
    const connection = await findConnectionOrThrow(tx, ctx.projectId, existing.id, { forUpdate: true });
    return storeAuthorizedTokens(tx, { connection, auth, value, grantType: settings.grantType, intent: "reconnect", actor: ctx.actor, now });
  });
}
