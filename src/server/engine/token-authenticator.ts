import { findActiveToken, type ActiveToken } from "@/server/api-tokens/find-active-token";
import type { Db } from "@/server/db/types";

export type TokenAuthenticator = ((token: string) => Promise<ActiveToken | null>) & {
  /** A key this instance checked recently and still trusts, without any lookup. */
  cached?: (token: string) => ActiveToken | null;
};

/**
 * Token → project, cached for `ttlMs` so the hot path usually skips the lookup. Only valid
 * tokens are cached (a new key works at once); a revoked key keeps working on an instance for
 * at most `ttlMs`. `ttlMs` 0 looks every request up.
 */
export function createTokenAuthenticator(opts: { db: Db; ttlMs: number; now?: () => number; maxEntries?: number }): TokenAuthenticator {
  const now = opts.now ?? Date.now;
  const maxEntries = opts.maxEntries ?? 10_000;
  const cache = new Map<string, { token: ActiveToken; expires: number }>();
  const cached = (token: string): ActiveToken | null => {
    const hit = opts.ttlMs > 0 ? cache.get(token) : undefined;
    return hit && hit.expires > now() ? hit.token : null;
  };
  const authenticate = async (token: string) => {
    if (opts.ttlMs > 0) {
      const hit = cache.get(token);
      if (hit && hit.expires > now()) return hit.token;
      if (hit) cache.delete(token);
    }
    const found = await findActiveToken(opts.db, token);
    if (found && opts.ttlMs > 0) {
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      cache.set(token, { token: found, expires: now() + opts.ttlMs });
    }
    return found;
  };
  return Object.assign(authenticate, { cached });
}
