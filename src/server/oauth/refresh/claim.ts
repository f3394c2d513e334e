import { and, eq, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { ConnectionRow } from "@/server/connections/dto";
import { connections } from "@/server/db/schema";
import type { Db } from "@/server/db/types";

/**
 * How long a claim lasts. It must outlive one refresh (the provider call times out after 10 s),
 * so a claim only lapses when its instance died; then another instance may take over.
 */
export const LEASE_MS = 60_000;

export interface Claimed {
  /** The row as it is once claimed: always the latest committed version, re-read under the claim. */
  row: ConnectionRow;
  /** Our lease; results are only written while the row still carries it. */
  lease: Date;
}

const unclaimed = (now: Date) => or(isNull(connections.refreshLeaseUntil), lt(connections.refreshLeaseUntil, now));

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
 * Claims up to `limit` connections whose refresh is due. `for update skip locked` lets instances
 * claiming at the same moment split the due rows between them instead of queueing on each other.
 */
export async function claimDueConnections(db: Db, opts: { now: Date; limit: number }): Promise<Claimed[]> {
  const lease = new Date(opts.now.getTime() + LEASE_MS);
  const rows = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: connections.id })
      .from(connections)
      .where(and(eq(connections.type, "OAUTH2"), ne(connections.status, "MISSING"), lte(connections.refreshAt, opts.now), unclaimed(opts.now)))
      .orderBy(connections.refreshAt)
      .limit(opts.limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(connections)
      .set({ refreshLeaseUntil: lease })
      .where(
        inArray(
          connections.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
  return rows.map((row) => ({ row, lease }));
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
    .where(and(eq(connections.type, "OAUTH2"), ne(connections.status, "MISSING"), lte(connections.refreshAt, now)));
  return r?.n ?? 0;
}
