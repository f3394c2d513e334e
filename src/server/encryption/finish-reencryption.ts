import { eq } from "drizzle-orm";
import { recordPlatformAudit } from "@/server/audit/record";
import { SYSTEM_ACTOR } from "@/server/context";
import type { KeyRing } from "@/server/crypto/keyring";
import { encryptionState } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { readEncryptionState } from "./reencryption-state";
import { pendingCount } from "./reseal-batch";
import { SEALED_KINDS } from "./sealed-kinds";

/** Stale key ids this ring can still open: the values the job may re-seal. */
export function staleKeyIds(ring: KeyRing): string[] {
  return [...ring.byId.keys()].filter((id) => id !== ring.current.id);
}

/**
 * Marks the job finished once no stale value is left to claim or in a live batch, with its
 * audit event. The row lock makes exactly one instance write the finish.
 */
export async function finishReencryptionIfDone(db: Db, ring: KeyRing, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const state = await readEncryptionState(tx, { forUpdate: true });
    if (state.jobStatus !== "running" || state.jobKeyId !== ring.current.id) return state.jobStatus === "finished";
    for (const kind of SEALED_KINDS) {
      if ((await pendingCount(tx, kind, staleKeyIds(ring), now)) > 0) return false;
    }
    const finishedAt = new Date();
    await tx.update(encryptionState).set({ jobStatus: "finished", jobFinishedAt: finishedAt, updatedAt: finishedAt }).where(eq(encryptionState.id, 1));
    await recordPlatformAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: "encryption.reencrypt_finished",
      details: {
        keyId: state.jobKeyId,
        resealed: state.jobResealed,
        failed: state.jobFailed,
        durationMs: state.jobStartedAt ? finishedAt.getTime() - state.jobStartedAt.getTime() : null,
      },
    });
    return true;
  });
}
