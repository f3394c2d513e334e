import { sql } from "drizzle-orm";
import { reencrypt } from "@/server/crypto/envelope";
import type { KeyRing } from "@/server/crypto/keyring";
import { queryRows } from "@/server/db/rows";
import type { Db } from "@/server/db/types";
import { kindSql, type SealedKind } from "./sealed-kinds";

/** A claim outlives one batch by far; it only lapses when its instance died mid-batch. */
export const RESEAL_LEASE_MS = 2 * 60_000;
/** A value that failed is left alone this long (and reported) instead of being retried in a loop. */
export const FAILED_RETRY_MS = 24 * 60 * 60_000;

interface ClaimedValue {
  pk: string;
  ciphertext: string;
  key_id: string;
}

export interface ResealFailure {
  kind: SealedKind["name"];
  pk: string;
  keyId: string;
}

export interface BatchResult {
  claimed: number;
  resealed: number;
  /** Changed by someone else (a token refresh, an edit) between the claim and our write. */
  superseded: number;
  failures: ResealFailure[];
}

/**
 * Claims up to `limit` values of `kind` sealed with `staleKeyId`. `skip locked` lets instances
 * claiming at the same moment split the rows, and the lease keeps later claims off them until
 * this batch is done (or its instance died and the lease lapsed).
 */
async function claim(db: Db, kind: SealedKind, opts: { staleKeyId: string; limit: number; now: Date; lease: Date }) {
  const q = kindSql(kind);
  return queryRows<ClaimedValue>(
    db,
    sql`with picked as (
          select ${q.pk} as pk from ${q.table}
          where ${q.sealed} and ${q.keyId} = ${opts.staleKeyId}
            and (${q.lease} is null or ${q.lease} < ${opts.now.toISOString()}::timestamptz)
          order by ${q.pk}
          limit ${opts.limit}
          for update skip locked
        )
        update ${q.table} set ${q.lease} = ${opts.lease.toISOString()}::timestamptz
        from picked where ${q.table}.${q.pk} = picked.pk
        returning ${q.table}.${q.pk} as pk, ${q.table}.${q.ciphertext} as ciphertext, ${q.table}.${q.keyId} as key_id`,
  );
}

/**
 * Re-seals one claimed value in its own single-statement transaction. The write only lands if the
 * row still holds the ciphertext we opened: a refreshed token or an edited credential written
 * meanwhile is never overwritten (it was sealed with a current key anyway).
 */
async function resealOne(db: Db, kind: SealedKind, ring: KeyRing, value: ClaimedValue, lease: Date): Promise<"resealed" | "superseded"> {
  const q = kindSql(kind);
  const sealed = reencrypt(ring, { ciphertext: value.ciphertext, keyId: value.key_id }, kind.aad(value.pk));
  const written = await queryRows<{ pk: string }>(
    db,
    sql`update ${q.table} set ${q.ciphertext} = ${sealed.ciphertext}, ${q.keyId} = ${sealed.keyId}, ${q.lease} = null
        where ${q.pk} = ${value.pk} and ${q.ciphertext} = ${value.ciphertext} and ${q.keyId} = ${value.key_id}
        returning ${q.pk} as pk`,
  );
  if (written.length === 1) return "resealed";
  await releaseLease(db, kind, value.pk, lease, null);
  return "superseded";
}

async function releaseLease(db: Db, kind: SealedKind, pk: string, lease: Date, until: Date | null) {
  const q = kindSql(kind);
  await db.execute(
    sql`update ${q.table} set ${q.lease} = ${until ? until.toISOString() : null}::timestamptz
        where ${q.pk} = ${pk} and ${q.lease} = ${lease.toISOString()}::timestamptz`,
  );
}

/**
 * Claims and re-seals one batch, `concurrency` values at a time (each still its own statement:
 * the round trips overlap, the transactions stay one row each). `onValue` runs after each value
 * (progress, and crash tests).
 */
export async function resealBatch(
  db: Db,
  kind: SealedKind,
  opts: { ring: KeyRing; staleKeyId: string; limit: number; concurrency?: number; now?: Date; onValue?: () => void | Promise<void> },
): Promise<BatchResult> {
  const now = opts.now ?? new Date();
  const lease = new Date(now.getTime() + RESEAL_LEASE_MS);
  const values = await claim(db, kind, { staleKeyId: opts.staleKeyId, limit: opts.limit, now, lease });
  const result: BatchResult = { claimed: values.length, resealed: 0, superseded: 0, failures: [] };
  const queue = [...values];
  // The first error stops every lane from taking another value, like a crash would.
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    for (let value = queue.shift(); value && !failure; value = queue.shift()) {
      try {
        await resealClaimed(db, kind, opts, value, lease, now, result);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 1, values.length)) }, lane));
  if (failure) throw (failure as { error: unknown }).error;
  return result;
}

async function resealClaimed(
  db: Db,
  kind: SealedKind,
  opts: { ring: KeyRing; onValue?: () => void | Promise<void> },
  value: ClaimedValue,
  lease: Date,
  now: Date,
  result: BatchResult,
) {
  let outcome: "resealed" | "superseded" | "failed";
  try {
    outcome = await resealOne(db, kind, opts.ring, value, lease);
  } catch (err) {
    // DecryptionError says nothing on purpose; a damaged value is parked and reported by id.
    if ((err as Error).name !== "DecryptionError") throw err;
    await releaseLease(db, kind, value.pk, lease, new Date(now.getTime() + FAILED_RETRY_MS));
    result.failures.push({ kind: kind.name, pk: value.pk, keyId: value.key_id });
    outcome = "failed";
  }
  if (outcome !== "failed") result[outcome]++;
  await opts.onValue?.();
}

/**
 * Values of `kind` sealed with a stale key that are claimable now or claimed by a live batch;
 * parked failures (leased far ahead) do not count. Zero everywhere means the job is done.
 */
export async function pendingCount(db: Db, kind: SealedKind, staleKeyIds: string[], now = new Date()): Promise<number> {
  if (staleKeyIds.length === 0) return 0;
  const q = kindSql(kind);
  const horizon = new Date(now.getTime() + RESEAL_LEASE_MS + 60_000).toISOString();
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${q.table}
        where ${q.sealed} and ${q.keyId} in ${staleKeyIds}
          and (${q.lease} is null or ${q.lease} < ${horizon}::timestamptz)`,
  );
  return Number(row?.n ?? 0);
}
