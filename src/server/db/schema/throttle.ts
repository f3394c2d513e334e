import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Failed-attempt counters for sign-in (per account, per client address) and API keys (per client
 * address). Kept in the database so a lock holds across instances and restarts.
 */
export const authThrottle = pgTable("auth_throttle", {
  /** "signin:account:<email>", "signin:address:<ip>", "api_key:address:<ip>". */
  key: text("key").primaryKey(),
  /** Attempts counted in the current window (an attempt in flight counts until it succeeds). */
  failures: integer("failures").notNull().default(0),
  lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }).notNull(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});
