import { and, eq, gt, sql } from "drizzle-orm";
import { authThrottle } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import type { ThrottlePolicy } from "./policies";

export type Attempt =
  | { allowed: true; key: string; failures: number; /** Set when this attempt reached the limit and locked the key. */ lockSetUntil: Date | null }
  | { allowed: false; key: string; retryAfterSeconds: number };

const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;

function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/**
 * Counts an attempt for `key` before it is checked, in one statement, so instances racing on the
 * same key each see their own count. An unlocked key that reaches the limit is locked at once —
 * concurrent attempts are refused while this one is being checked. A locked key is not counted.
 */
export async function takeAttempt(db: Db, key: string, policy: ThrottlePolicy, now: Date = new Date()): Promise<Attempt> {
  const t = authThrottle;
  const windowStart = new Date(now.getTime() - policy.windowMs);
  const unlocked = sql`(${t.lockedUntil} is null or ${t.lockedUntil} <= ${iso(now)})`;
  const next = sql`(case when ${t.lastAttemptAt} < ${iso(windowStart)} then 1 else ${t.failures} + 1 end)`;
  const lockAfter = (n: ReturnType<typeof sql>) =>
    sql`(case when ${n} >= ${policy.limit} then ${iso(now)} + least(${policy.maxLockMs}::float8, ${policy.baseLockMs}::float8 * power(2, ${n} - ${policy.limit})) * interval '1 millisecond' end)`;
  const [row] = await db
    .insert(t)
    .values({ key, failures: 1, lastAttemptAt: now, lockedUntil: policy.limit <= 1 ? new Date(now.getTime() + policy.baseLockMs) : null })
    .onConflictDoUpdate({
      target: t.key,
      set: { failures: next, lastAttemptAt: now, lockedUntil: lockAfter(next) },
      setWhere: unlocked,
    })
    .returning({ failures: t.failures, lockedUntil: t.lockedUntil });
  if (row) return { allowed: true, key, failures: row.failures, lockSetUntil: row.lockedUntil };
  const until = await lockedUntil(db, key, now);
  return { allowed: false, key, retryAfterSeconds: until ? secondsUntil(until, now) : 1 };
}

/** The end of the key's current lock, or null when it is not locked. */
export async function lockedUntil(db: Db, key: string, now: Date = new Date()): Promise<Date | null> {
  const [row] = await db
    .select({ lockedUntil: authThrottle.lockedUntil })
    .from(authThrottle)
    .where(and(eq(authThrottle.key, key), gt(authThrottle.lockedUntil, now)))
    .limit(1);
  return row?.lockedUntil ?? null;
}

/** A successful sign-in: the account starts again from zero. */
export async function resetAttempts(db: Db, key: string): Promise<void> {
  await db.delete(authThrottle).where(eq(authThrottle.key, key));
}

/** Un-counts an attempt that did not fail (it succeeded, or another key refused it first). */
export async function releaseAttempt(db: Db, attempt: Attempt): Promise<void> {
  if (!attempt.allowed) return;
  const t = authThrottle;
  const ownLock = attempt.lockSetUntil ? sql`${t.lockedUntil} = ${iso(attempt.lockSetUntil)}` : sql`false`;
  await db
    .update(t)
    .set({ failures: sql`greatest(${t.failures} - 1, 0)`, lockedUntil: sql`case when ${ownLock} then null else ${t.lockedUntil} end` })
    .where(eq(t.key, attempt.key));
}

export function retryAfterSecondsOf(lockSetUntil: Date, now: Date = new Date()): number {
  return secondsUntil(lockSetUntil, now);
}
