import type { ProjectCtx } from "@/server/context";
import { ZOAuthPieceInput } from "@/schemas/oauth";
import { parseOrThrow } from "@/server/validation";
import { configuredClients } from "./configured-clients";
import { oauthRedirectUri } from "../authorize/redirect-uri";
import { bringsOwnClient, noClientMessage, resolveOAuthPiece } from "../provider/settings";

/**
 * What the connection form needs before "Connect": whether a client is available for the app
 * (and from where), so it can say that an admin must configure one instead of failing later.
 */
export async function getOAuthClientStatus({ ctx, input }: { ctx: ProjectCtx & { requestOrigin?: string | null }; input: unknown }) {
  const { pieceName } = parseOrThrow(ZOAuthPieceInput, input);
  const { piece, auth } = resolveOAuthPiece(pieceName);
  const redirectUri = oauthRedirectUri(ctx.requestOrigin);
  if (bringsOwnClient(auth)) return { grantType: auth.grantType, source: "connection" as const, ready: true, message: null, redirectUri };
  const [client] = await configuredClients(ctx.db, piece.name);
  return {
    grantType: auth.grantType,
    source: client?.source ?? ("none" as const),
    ready: Boolean(client),
    message: client ? null : noClientMessage(piece.displayName),
    redirectUri,
  };
}
