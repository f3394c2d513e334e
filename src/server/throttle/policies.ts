/**
 * How many failures a key may have in `windowMs` before it is locked; each further failure locks
 * it again for twice as long (baseLockMs, 2×, 4×, … up to maxLockMs).
 */
export interface ThrottlePolicy {
  limit: number;
  baseLockMs: number;
  maxLockMs: number;
  windowMs: number;
}

const MINUTE = 60_000;

/** One person guessing one account's password. */
export const SIGN_IN_ACCOUNT: ThrottlePolicy = { limit: 5, baseLockMs: MINUTE, maxLockMs: 15 * MINUTE, windowMs: 60 * MINUTE };
/** One address spraying passwords over many accounts (higher: offices share an address). */
export const SIGN_IN_ADDRESS: ThrottlePolicy = { limit: 20, baseLockMs: MINUTE, maxLockMs: 15 * MINUTE, windowMs: 60 * MINUTE };
/** One address presenting API keys that do not exist or were revoked. */
export const API_KEY_ADDRESS: ThrottlePolicy = { limit: 20, baseLockMs: MINUTE, maxLockMs: 15 * MINUTE, windowMs: 60 * MINUTE };

export const throttleKey = {
  signInAccount: (email: string) => `signin:account:${email.trim().toLowerCase()}`,
  signInAddress: (address: string) => `signin:address:${address}`,
  apiKeyAddress: (address: string) => `api_key:address:${address}`,
};

/** "1 minute", "3 minutes": what the sign-in form says. */
export function retryAfterText(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
