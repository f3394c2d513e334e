import { and, asc, eq, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { ConnectionRow } from "@/server/connections/dto";
import { connections } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { getEnv } from "@/env";
import { log } from "@/server/log";
import { TOKEN_TIMEOUT_MS } from "../provider/endpoints";

/**
 * How long a claim lasts: one provider call (its timeout) and a few seconds for the database work
 * around it. A claim is taken per connection just before its provider call and renewed while its
 * refresh runs (see `keepClaim`), so it only lapses when its instance died (or cannot reach the
 * database); another instance takes over within this time.
 */
export const LEASE_MS = TOKEN_TIMEOUT_MS + 5_000;
/** A running refresh pushes its lease forward this often (a refresh normally ends long before). */
export const RENEW_EVERY_MS = Math.floor(LEASE_MS / 3);

/**
 * Longest wait for the database to come back with new tokens in hand (refresh-claimed.ts): once
 * the provider has answered, a rotated refresh token exists only in the refreshing process.
 */
export const PERSIST_RETRY_MS = 25_000;

/**
 * The lease a refresh holds from its provider call until its result is written: the call (its
 * timeout), the retries of the write while the database is away (PERSIST_RETRY_MS), one last
 * attempt's connect timeout, and a margin. Renewals cannot run while the database is away, so the
 * lease must outlast all of it: another instance taking over earlier would spend the old refresh
 * token again (reuse, which providers punish by revoking the grant) while the new one is still
 * on its way to the database.
 */
export function inFlightLeaseMs(): number {
  return TOKEN_TIMEOUT_MS + PERSIST_RETRY_MS + getEnv().DATABASE_CONNECT_TIMEOUT_SECONDS * 1000 + 5_000;
}

export interface Claimed {
  /** The row as it is once claimed: always the latest committed version, re-read under the claim. */
  row: ConnectionRow;
  /** Our lease (moved forward by renewals); results are only written while the row still carries it. */
  lease: Date;
}

const unclaimed = (now: Date) => or(isNull(connections.refreshLeaseUntil), lt(connections.refreshLeaseUntil, now));
const isDue = (now: Date) => and(eq(connections.type, "OAUTH2"), ne(connections.status, "MISSING"), lte(connections.refreshAt, now));

/**
 * Claims one connection for a refresh, whatever its schedule (a flow is about to use it). An
 * atomic conditional update: of several instances trying at once, exactly one gets the row.
 */
export async function claimConnection(db: Db, connectionId: string, now = new Date()): Promise<Claimed | null> {
  const lease = new Date(now.getTime() + LEASE_MS);
  const [row] = await db
    .update(connections)
    .set({ refreshLeaseUntil: lease })
    .where(and(eq(connections.id, connectionId), eq(connections.type, "OAUTH2"), unclaimed(now)))
    .returning();
  return row ? { row, lease } : null;
}

/**
 * Claims one connection whose refresh is still due and unclaimed, just before its provider call.
 * Null when another instance claimed it first or refreshed it meanwhile.
 */
export async function claimDueConnection(db: Db, connectionId: string, now = new Date()): Promise<Claimed | null> {
  const lease = new Date(now.getTime() + LEASE_MS);
  const [row] = await db
    .update(connections)
    .set({ refreshLeaseUntil: lease })
    .where(and(eq(connections.id, connectionId), isDue(now), unclaimed(now)))
    .returning();
  return row ? { row, lease } : null;
}

/**
 * Connections whose refresh is due and that nobody holds, oldest first: candidates only, nothing
 * is claimed (each one is claimed with `claimDueConnection` when its turn comes).
 */
export async function findDueConnections(db: Db, opts: { now: Date; limit: number }): Promise<{ id: string; pieceName: string }[]> {
  return db
    .select({ id: connections.id, pieceName: connections.pieceName })
    .from(connections)
    .where(and(isDue(opts.now), unclaimed(opts.now)))
    .orderBy(asc(connections.refreshAt))
    .limit(opts.limit);
}

/**
 * Keeps a claim alive while its refresh runs: every RENEW_EVERY_MS the lease moves to now +
 * LEASE_MS, on the condition the row still carries ours. `stop()` must be awaited before anything
 * is written under the claim (it waits for a renewal in flight, so `claimed.lease` is final).
 */
export function keepClaim(db: Db, claimed: Claimed) {
  let stopped = false;
  let lost = false;
  let inFlight: Promise<void> = Promise.resolve();
  const renew = async () => {
    const next = new Date(Date.now() + LEASE_MS);
    try {
      const [row] = await db
        .update(connections)
        .set({ refreshLeaseUntil: next })
        .where(and(eq(connections.id, claimed.row.id), eq(connections.refreshLeaseUntil, claimed.lease)))
        .returning({ id: connections.id });
      if (row) claimed.lease = next;
      else lost = true;
    } catch (err) {
      // The database is away for a moment: the lease runs on; the next renewal tries again.
      log.warn("oauth: could not renew a refresh claim", { connectionId: claimed.row.id, error: err as Error });
    }
  };
  const timer = setInterval(() => {
    if (stopped) return;
    inFlight = inFlight.then(renew);
  }, RENEW_EVERY_MS);
  timer.unref();
  return {
    /** True once a renewal found the claim gone (taken over after it lapsed, reconnected, deleted). */
    get lost() {
      return lost;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
}

/**
 * Just before the provider call: the claim (renewals stopped) becomes the in-flight lease, on the
 * condition the row still carries ours. False when the claim was lost meanwhile.
 */
export async function holdThroughProviderCall(db: Db, claimed: Claimed, now = new Date()): Promise<boolean> {
  const lease = new Date(now.getTime() + inFlightLeaseMs());
  const [row] = await db
    .update(connections)
    .set({ refreshLeaseUntil: lease })
    .where(and(eq(connections.id, claimed.row.id), eq(connections.refreshLeaseUntil, claimed.lease)))
    .returning({ id: connections.id });
  if (!row) return false;
  claimed.lease = lease;
  return true;
}

/** Gives a claim back without a result (nothing to do after all). */
export async function releaseClaim(db: Db, claimed: Claimed, set: Partial<Pick<ConnectionRow, "refreshAt">> = {}) {
  await db
    .update(connections)
    .set({ refreshLeaseUntil: null, ...set })
    .where(and(eq(connections.id, claimed.row.id), eq(connections.refreshLeaseUntil, claimed.lease)));
}

/** Counts connections whose refresh is due now (for tests and the benchmark). */
export async function countDue(db: Db, now = new Date()): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(connections)
    .where(isDue(now));
  return r?.n ?? 0;
}
