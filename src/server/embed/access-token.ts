import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { resolveAuthSecret } from "@/server/secrets/auth-secret";

export interface EmbedClaims {
  /** user id */
  uid: string;
  /** project id: the only project this token can reach */
  pid: string;
  /** the API key that opened the session: named in the audit trail, and revoking it ends the session */
  kid: string;
  /** expiry, seconds since epoch */
  exp: number;
}

const PREFIX = "ema1";

function signingKey(): Buffer {
  return Buffer.from(hkdfSync("sha256", resolveAuthSecret(), "connections-manager", "embed-access-token", 32));
}

function sign(payload: string): string {
  return createHmac("sha256", signingKey()).update(`${PREFIX}.${payload}`).digest("base64url");
}

/**
 * The iframe's own credential after it exchanged its one-time token: signed, short-lived, held in
 * the iframe's memory and sent as a bearer header, so no third-party cookie is needed.
 */
export function signEmbedAccessToken(claims: EmbedClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${PREFIX}.${payload}.${sign(payload)}`;
}

export function verifyEmbedAccessToken(token: string, now = Date.now()): EmbedClaims | null {
  const [prefix, payload, signature] = token.split(".");
  if (prefix !== PREFIX || !payload || !signature) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as EmbedClaims;
    if (typeof claims.uid !== "string" || typeof claims.pid !== "string" || typeof claims.kid !== "string" || typeof claims.exp !== "number") return null;
    return claims.exp * 1000 > now ? claims : null;
  } catch {
    return null;
  }
}
