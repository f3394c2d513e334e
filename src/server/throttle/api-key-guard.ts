import type { Db } from "@/server/db/types";
import { lockedUntil, retryAfterSecondsOf, takeAttempt } from "./attempts";
import { API_KEY_ADDRESS, throttleKey } from "./policies";
import { lockedBy, recordLockout } from "./record-lockout";

export interface ApiKeyGuard {
  /** Seconds until the address may present keys again; 0 when it is not locked. */
  retryAfter(address: string): Promise<number>;
  /** Counts a key that does not exist or was revoked; answers the lock it caused (seconds), or 0. */
  rejected(address: string): Promise<number>;
}

/**
 * Bad API keys per client address, counted in the database so every instance enforces the same
 * lock. Locks this instance has seen are remembered, so a locked address costs no query.
 */
export function createApiKeyGuard(opts: { db: Db; now?: () => number }): ApiKeyGuard {
  const now = () => new Date(opts.now ? opts.now() : Date.now());
  const known = new Map<string, number>();
  const remember = (address: string, until: number) => {
    if (known.size > 10_000) known.clear();
    known.set(address, until);
  };
  return {
    async retryAfter(address) {
      const at = now();
      const seen = known.get(address);
      if (seen && seen > at.getTime()) return retryAfterSecondsOf(new Date(seen), at);
      const until = await lockedUntil(opts.db, throttleKey.apiKeyAddress(address), at);
      if (!until) return 0;
      remember(address, until.getTime());
      return retryAfterSecondsOf(until, at);
    },
    async rejected(address) {
      const at = now();
      const attempt = await takeAttempt(opts.db, throttleKey.apiKeyAddress(address), API_KEY_ADDRESS, at);
      if (!attempt.allowed) return attempt.retryAfterSeconds;
      if (!lockedBy(attempt)) return 0;
      await recordLockout(opts.db, attempt, "api_key.locked_out", { address });
      remember(address, attempt.lockSetUntil.getTime());
      return retryAfterSecondsOf(attempt.lockSetUntil, at);
    },
  };
}
