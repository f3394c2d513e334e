import { getEnv } from "@/env";
import type { Piece, PieceAuth } from "@/pieces";
import { buildValueSchema, type PropValue } from "@/pieces/value-schema";
import { resolvePieceAuth } from "@/server/connections/credentials";
import type { Db } from "@/server/db/types";
import { ValidationError } from "@/server/errors";
import { configuredClients, type ConfiguredClient } from "../apps/configured-clients";

export type OAuth2Auth = Extract<PieceAuth, { type: "OAUTH2" }>;

export interface OAuthClient {
  clientId: string;
  clientSecret?: string;
  /** admin: Admin → OAuth apps; default: OAUTH_DEFAULT_APPS; connection: the custom app's own fields. */
  source: ConfiguredClient["source"] | "connection";
}

/** Everything needed to talk to one provider for one connection. */
export interface OAuthSettings {
  pieceName: string;
  grantType: OAuth2Auth["grantType"];
  authUrl: string | null;
  tokenUrl: string;
  scopes: string[];
  pkce: boolean;
  extraAuthParams: Record<string, string>;
  client: OAuthClient;
}

export function resolveOAuthPiece(pieceName: string): { piece: Piece; auth: OAuth2Auth } {
  const { piece, auth } = resolvePieceAuth(pieceName, "OAUTH2");
  return { piece, auth: auth as OAuth2Auth };
}

/** Generic apps (custom OAuth2, client credentials) carry their own client in their fields. */
export function bringsOwnClient(auth: OAuth2Auth): boolean {
  return auth.props?.clientId !== undefined;
}

/** Parses the fields asked before authorizing with the app's own schema; messages land on `props.<field>`. */
export function parseOAuthProps(auth: OAuth2Auth, raw: unknown): Record<string, PropValue> {
  const parsed = buildValueSchema(auth).safeParse({ props: raw ?? {} });
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".")] ??= issue.message;
    throw new ValidationError(parsed.error.issues[0]?.message ?? "Check the fields", fieldErrors);
  }
  return parsed.data.type === "OAUTH2" ? parsed.data.props : {};
}

function text(props: Record<string, PropValue>, key: string): string | undefined {
  const v = props[key];
  return typeof v === "string" && v !== "" ? v : undefined;
}

export function noClientMessage(displayName: string): string {
  return `${displayName} has no OAuth app configured on this server: a platform admin must set its Client ID and Client Secret in Admin → OAuth apps.`;
}

/**
 * Endpoints from the catalogue (or the generic app's fields) and the client, in order: the
 * connection's own fields, an admin's OAuth app, the server's default app. `clientId` pins the
 * client a stored token was issued to, since a refresh token only works with that client.
 */
export async function resolveOAuthSettings(
  db: Db,
  input: { piece: Piece; auth: OAuth2Auth; props: Record<string, PropValue>; clientId?: string },
): Promise<OAuthSettings> {
  const { piece, auth, props } = input;
  const override = getEnv().OAUTH_ENDPOINTS[piece.name];
  const authUrl = override?.authUrl || auth.authUrl || text(props, "authUrl") || null;
  const tokenUrl = override?.tokenUrl || auth.tokenUrl || text(props, "tokenUrl");
  if (auth.grantType === "authorization_code" && !authUrl) {
    throw new ValidationError("Authorization URL is required", { "props.authUrl": "Authorization URL is required" });
  }
  if (!tokenUrl) throw new ValidationError("Token URL is required", { "props.tokenUrl": "Token URL is required" });
  const scopes = auth.scopes.length ? auth.scopes : (text(props, "scopes")?.split(/\s+/).filter(Boolean) ?? []);

  let client: OAuthClient | undefined;
  if (bringsOwnClient(auth)) {
    const clientId = text(props, "clientId");
    if (clientId) client = { clientId, clientSecret: text(props, "clientSecret"), source: "connection" };
  } else {
    const candidates = await configuredClients(db, piece.name);
    client = input.clientId ? candidates.find((c) => c.clientId === input.clientId) : candidates[0];
    if (!client && input.clientId) {
      throw new ValidationError(`The OAuth app this connection was authorized with is no longer configured for ${piece.displayName} — Reconnect`);
    }
  }
  if (!client) throw new ValidationError(noClientMessage(piece.displayName), { pieceName: noClientMessage(piece.displayName) });

  return {
    pieceName: piece.name,
    grantType: auth.grantType,
    authUrl,
    tokenUrl,
    scopes,
    pkce: auth.pkce,
    extraAuthParams: auth.extraAuthParams ?? {},
    client,
  };
}
