import { eq, sql } from "drizzle-orm";
import { recordPlatformAudit, type PlatformAuditAction } from "@/server/audit/record";
import type { Actor } from "@/server/context";
import { authThrottle } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import type { Attempt } from "./attempts";

export type LockedAttempt = Extract<Attempt, { allowed: true }> & { lockSetUntil: Date };

export const THROTTLE_ACTOR: Actor = { type: "SYSTEM", id: null, label: "system (throttle)" };

export function lockedBy(attempt: Attempt): attempt is LockedAttempt {
  return attempt.allowed && attempt.lockSetUntil !== null;
}

/**
 * A failed attempt that reached the limit: the lock taken when it started is confirmed in the
 * transaction of its audit row. `details` never holds the password or key that was tried.
 */
export async function recordLockout(
  db: Db,
  attempt: LockedAttempt,
  action: Extract<PlatformAuditAction, "user.locked_out" | "api_key.locked_out">,
  details: Record<string, unknown>,
) {
  await db.transaction(async (tx) => {
    await tx
      .update(authThrottle)
      .set({ lockedUntil: sql`greatest(${authThrottle.lockedUntil}, ${attempt.lockSetUntil.toISOString()}::timestamptz)` })
      .where(eq(authThrottle.key, attempt.key));
    await recordPlatformAudit(tx, {
      actor: THROTTLE_ACTOR,
      action,
      details: { ...details, failures: attempt.failures, lockedUntil: attempt.lockSetUntil.toISOString() },
    });
  });
}
