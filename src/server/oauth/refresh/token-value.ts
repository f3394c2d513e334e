import { getEnv } from "@/env";
import type { OAuth2Value, PropValue } from "@/pieces/value-schema";
import type { TokenSet } from "../provider/endpoints";

/** Tokens that say nothing about their lifetime are assumed to last this long. */
export const ASSUMED_LIFETIME_MS = 60 * 60_000;
const MAX_JITTER_MS = 5 * 60_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 30 * 60_000;

export function refreshMarginMs(): number {
  return getEnv().OAUTH_REFRESH_MARGIN_SECONDS * 1000;
}

/** The stored value after a token answer; a refresh answer without a refresh token keeps the old one. */
export function toOAuth2Value(
  tokens: TokenSet,
  opts: { now: Date; clientId: string; props?: Record<string, PropValue>; previous?: OAuth2Value | null },
): OAuth2Value {
  const refreshToken = tokens.refresh_token ?? opts.previous?.refresh_token;
  const scope = tokens.scope ?? opts.previous?.scope;
  const props = opts.props ?? opts.previous?.props;
  return {
    type: "OAUTH2",
    access_token: tokens.access_token,
    token_type: tokens.token_type,
    ...(tokens.expires_in !== undefined ? { expires_at: new Date(opts.now.getTime() + tokens.expires_in * 1000).toISOString() } : {}),
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    ...(scope ? { scope } : {}),
    client_id: opts.clientId,
    ...(props && Object.keys(props).length ? { props } : {}),
  };
}

/** Whether a new access token can be had without the user: a refresh token, or the client credentials grant. */
export function canRefresh(value: OAuth2Value, grantType: "authorization_code" | "client_credentials"): boolean {
  return grantType === "client_credentials" || Boolean(value.refresh_token);
}

/**
 * When the token expires (assumed one hour when the provider does not say, if it can be
 * refreshed) and when to refresh it: ahead of expiry by the margin (at most half the lifetime),
 * minus up to 10% of the lifetime of jitter so tokens issued together do not all refresh together.
 * A token that cannot be refreshed is looked at once, when it expires.
 */
export function tokenSchedule(
  value: OAuth2Value,
  opts: { now: Date; refreshable: boolean; marginMs?: number; random?: () => number },
): { tokenExpiresAt: Date | null; refreshAt: Date | null } {
  const now = opts.now.getTime();
  const stated = value.expires_at ? Date.parse(value.expires_at) : undefined;
  const expiresAt = stated ?? (opts.refreshable ? now + ASSUMED_LIFETIME_MS : undefined);
  if (expiresAt === undefined) return { tokenExpiresAt: null, refreshAt: null };
  if (!opts.refreshable) return { tokenExpiresAt: new Date(expiresAt), refreshAt: new Date(expiresAt) };
  const lifetime = Math.max(0, expiresAt - now);
  const lead = Math.min(opts.marginMs ?? refreshMarginMs(), lifetime / 2);
  const jitter = (opts.random ?? Math.random)() * Math.min(lifetime * 0.1, MAX_JITTER_MS);
  return { tokenExpiresAt: new Date(expiresAt), refreshAt: new Date(Math.round(expiresAt - lead - jitter)) };
}

/**
 * Next attempt after the n-th consecutive transient failure: 30 s doubling up to 30 min, ±20%.
 * While the token is still valid, a last attempt is made shortly before it expires.
 */
export function retryAt(failures: number, tokenExpiresAt: Date | null, now: Date, random: () => number = Math.random): Date {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1), MAX_RETRY_MS);
  let next = now.getTime() + base * (0.8 + random() * 0.4);
  const expiry = tokenExpiresAt?.getTime();
  if (expiry !== undefined && expiry > now.getTime() && next > expiry) next = Math.max(now.getTime() + 5_000, expiry - 5_000);
  return new Date(Math.round(next));
}
