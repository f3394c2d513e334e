import { and, eq, isNull } from "drizzle-orm";
import { recordPlatformAudit } from "@/server/audit/record";
import type { Actor } from "@/server/context";
import type { KeyRing } from "@/server/crypto/keyring";
import { encryptionState } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { countSealedByKey, staleCount } from "./count-sealed";
import { readEncryptionState } from "./reencryption-state";
import { startReencryption } from "./start-reencryption";

/**
 * Notices that the ring's current key changed since the instances last agreed on one, records
 * the rotation and starts re-encryption. Only an instance whose ring knows the recorded key as an
 * older one moves it forward, so an instance still on the previous ring during a rolling
 * restart never turns the job back. The conditional update makes exactly one instance do it.
 */
export async function syncCurrentKey(db: Db, ring: KeyRing, actor: Actor): Promise<"unchanged" | "recorded" | "rotated"> {
  const state = await readEncryptionState(db);
  const current = ring.current.id;
  if (state.currentKeyId === current) return "unchanged";
  const previous = state.currentKeyId;
  if (previous !== null && !ring.byId.has(previous)) return "unchanged";
  return db.transaction(async (tx) => {
    const [won] = await tx
      .update(encryptionState)
      .set({ currentKeyId: current, updatedAt: new Date() })
      .where(and(eq(encryptionState.id, 1), previous === null ? isNull(encryptionState.currentKeyId) : eq(encryptionState.currentKeyId, previous)))
      .returning({ id: encryptionState.id });
    if (!won) return "unchanged";
    if (previous !== null) {
      await recordPlatformAudit(tx, { actor, action: "encryption.key_rotated", details: { keyId: current, previousKeyId: previous } });
    }
    // First start with this feature: only values left behind by an earlier rotation need work.
    if (previous === null && staleCount(await countSealedByKey(tx), ring) === 0) return "recorded";
    await startReencryption(tx, { ring, actor, trigger: "key_changed" });
    return previous === null ? "recorded" : "rotated";
  });
}
