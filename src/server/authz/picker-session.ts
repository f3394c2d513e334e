import { findActiveTokenById } from "@/server/api-tokens/find-active-token";
import type { Db } from "@/server/db/types";
import { verifyEmbedAccessToken } from "@/server/embed/access-token";
import { getUserById } from "@/server/users/authenticate";
import { ANONYMOUS, type Principal } from "./principal";

/** The picker's bearer access token (`ema1.…`), as the iframe sends it. */
export const PICKER_BEARER = /^Bearer (ema1\.\S+)$/;

/**
 * A picker session is valid while its signature and expiry hold, its user exists, and the API key
 * that opened it is still active with the embed:sessions scope: revoking the key ends its pickers.
 */
export async function pickerPrincipal(db: Db, accessToken: string): Promise<Principal> {
  const claims = verifyEmbedAccessToken(accessToken);
  if (!claims) return ANONYMOUS;
  const [user, key] = await Promise.all([getUserById(db, claims.uid), findActiveTokenById(db, claims.kid, claims.pid)]);
  if (!user || !key || !key.scopes.includes("embed:sessions")) return ANONYMOUS;
  return { kind: "picker", user, projectId: claims.pid, key: { id: key.id, name: key.name } };
}
