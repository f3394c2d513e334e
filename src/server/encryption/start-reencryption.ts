import { eq } from "drizzle-orm";
import { recordPlatformAudit } from "@/server/audit/record";
import type { Actor } from "@/server/context";
import type { KeyRing } from "@/server/crypto/keyring";
import { encryptionState } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { countSealedByKey, staleCount } from "./count-sealed";
import { readEncryptionState, type EncryptionStateRow } from "./reencryption-state";

export type ReencryptionTrigger = "key_changed" | "on_demand" | "command";

/**
 * Starts (or restarts) the job that re-seals every value with the ring's current key, with its
 * platform audit event in the same transaction. Already running for this key: nothing changes.
 */
export async function startReencryption(
  db: Db,
  input: { ring: KeyRing; actor: Actor; trigger: ReencryptionTrigger },
): Promise<{ started: boolean; state: EncryptionStateRow }> {
  return db.transaction(async (tx) => {
    const state = await readEncryptionState(tx, { forUpdate: true });
    const keyId = input.ring.current.id;
    if (state.jobStatus === "running" && state.jobKeyId === keyId) return { started: false, state };
    const total = staleCount(await countSealedByKey(tx), input.ring);
    const [updated] = await tx
      .update(encryptionState)
      .set({
        jobStatus: "running",
        jobKeyId: keyId,
        jobTrigger: input.trigger,
        jobStartedAt: new Date(),
        jobFinishedAt: null,
        jobTotal: total,
        jobResealed: 0,
        jobFailed: 0,
        jobLastError: null,
        updatedAt: new Date(),
      })
      .where(eq(encryptionState.id, 1))
      .returning();
    await recordPlatformAudit(tx, {
      actor: input.actor,
      action: "encryption.reencrypt_started",
      details: { keyId, values: total, trigger: input.trigger },
    });
    return { started: true, state: updated! };
  });
}
