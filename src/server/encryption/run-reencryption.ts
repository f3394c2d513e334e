import { setTimeout as sleep } from "node:timers/promises";
import { getEnv } from "@/env";
import type { KeyRing } from "@/server/crypto/keyring";
import type { Db } from "@/server/db/types";
import { log } from "@/server/log";
import { finishReencryptionIfDone, staleKeyIds } from "./finish-reencryption";
import { addReencryptionProgress, readEncryptionState } from "./reencryption-state";
import { resealBatch, type ResealFailure } from "./reseal-batch";
import { SEALED_KINDS } from "./sealed-kinds";

export interface ReencryptionRun {
  resealed: number;
  superseded: number;
  failed: number;
  /** The job is finished (by this run or another instance). */
  finished: boolean;
}

const describe = (f: ResealFailure) => `${f.kind} ${f.pk}: could not be decrypted with key “${f.keyId}”`;

/**
 * Works on the running job until it is finished, the budget is spent or `shouldStop`: claims a
 * batch of the first kind and stale key that has one, re-seals it, adds the figures to the
 * shared progress, then pauses so this instance stays under REENCRYPT_MAX_PER_SECOND.
 */
export async function runReencryption(
  db: Db,
  opts: {
    ring: KeyRing;
    batchSize?: number;
    concurrency?: number;
    maxPerSecond?: number;
    budgetMs?: number;
    shouldStop?: () => boolean;
    now?: () => Date;
    /** After each value (progress bars; tests interleave concurrent writes or a crash here). */
    onValue?: () => void | Promise<void>;
  },
): Promise<ReencryptionRun> {
  const env = getEnv();
  const { ring } = opts;
  const batchSize = opts.batchSize ?? env.REENCRYPT_BATCH_SIZE;
  const maxPerSecond = opts.maxPerSecond ?? env.REENCRYPT_MAX_PER_SECOND;
  const concurrency = opts.concurrency ?? env.REENCRYPT_CONCURRENCY;
  const deadline = Date.now() + (opts.budgetMs ?? 60_000);
  const now = opts.now ?? (() => new Date());
  const run: ReencryptionRun = { resealed: 0, superseded: 0, failed: 0, finished: false };

  const state = await readEncryptionState(db);
  if (state.jobStatus !== "running" || state.jobKeyId !== ring.current.id) {
    return { ...run, finished: state.jobStatus === "finished" && state.jobKeyId === ring.current.id };
  }
  while (Date.now() < deadline && !opts.shouldStop?.()) {
    const started = Date.now();
    let claimed = 0;
    for (const kind of SEALED_KINDS) {
      for (const staleKeyId of staleKeyIds(ring)) {
        const batch = await resealBatch(db, kind, { ring, staleKeyId, limit: batchSize, concurrency, now: now(), onValue: opts.onValue });
        if (batch.claimed === 0) continue;
        claimed = batch.claimed;
        run.resealed += batch.resealed;
        run.superseded += batch.superseded;
        run.failed += batch.failures.length;
        for (const f of batch.failures) log.warn(`re-encryption: ${describe(f)}`);
        const last = batch.failures.at(-1);
        await addReencryptionProgress(db, ring.current.id, {
          resealed: batch.resealed,
          failed: batch.failures.length,
          lastError: last ? describe(last) : undefined,
        });
        break;
      }
      if (claimed) break;
    }
    if (claimed === 0) {
      run.finished = await finishReencryptionIfDone(db, ring, now());
      if (run.finished) break;
      // Another instance holds the last batches: look again shortly.
      await sleep(200);
      continue;
    }
    const minMs = (claimed / maxPerSecond) * 1000;
    const pause = minMs - (Date.now() - started);
    if (pause > 0) await sleep(pause);
  }
  return run;
}
