import { getEnv, usesEmbeddedDatabase } from "@/env";
import type { KeyRing } from "@/server/crypto/keyring";
import type { ServiceCtx } from "@/server/context";
import type { Db } from "@/server/db/types";
import { getKeyRing } from "@/server/secrets/key-ring";
import { countSealedByKey, staleCount } from "./count-sealed";
import { readEncryptionState } from "./reencryption-state";
import { SEALED_KINDS, type SealedKindName } from "./sealed-kinds";

export interface KeyUsage {
  keyId: string;
  current: boolean;
  /** False: values are sealed with it but the ring lacks it (started with ALLOW_MISSING_KEYS=1). */
  inRing: boolean;
  counts: Record<SealedKindName, number>;
  total: number;
  /** In the ring, not current, and sealing nothing: safe to take out of the ring. */
  removable: boolean;
}

const emptyCounts = () => Object.fromEntries(SEALED_KINDS.map((k) => [k.name, 0])) as Record<SealedKindName, number>;

/** What Admin → Encryption and `npm run keys -- status` show: key ids and counts, never a key. */
export async function getEncryptionStatus(db: Db, ring: KeyRing, now = new Date()) {
  const counts = await countSealedByKey(db);
  const usage = new Map<string, KeyUsage>();
  const entry = (keyId: string) => {
    let u = usage.get(keyId);
    if (!u) {
      u = { keyId, current: keyId === ring.current.id, inRing: ring.byId.has(keyId), counts: emptyCounts(), total: 0, removable: false };
      usage.set(keyId, u);
    }
    return u;
  };
  for (const id of ring.byId.keys()) entry(id);
  for (const c of counts) {
    const u = entry(c.keyId);
    u.counts[c.kind] += c.count;
    u.total += c.count;
  }
  for (const u of usage.values()) u.removable = u.inRing && !u.current && u.total === 0;

  const state = await readEncryptionState(db);
  const remaining = staleCount(counts, ring);
  const running = state.jobStatus === "running";
  const elapsedS = state.jobStartedAt ? Math.max(1, ((state.jobFinishedAt ?? now).getTime() - state.jobStartedAt.getTime()) / 1000) : null;
  const rate = elapsedS ? state.jobResealed / elapsedS : null;
  return {
    currentKeyId: ring.current.id,
    keys: [...usage.values()].sort((a, b) => Number(b.current) - Number(a.current) || Number(a.inRing) - Number(b.inRing)),
    kinds: SEALED_KINDS.map((k) => ({ name: k.name, label: k.label })),
    missingKeyIds: [...usage.values()].filter((u) => !u.inRing).map((u) => u.keyId),
    allowMissingKeys: getEnv().ALLOW_MISSING_KEYS,
    /** Only the embedded installation keeps its ring in the data folder, where the app can rotate it. */
    canRotate: usesEmbeddedDatabase() && !getEnv().ENCRYPTION_KEYS,
    job: {
      status: state.jobStatus,
      keyId: state.jobKeyId,
      trigger: state.jobTrigger,
      startedAt: state.jobStartedAt,
      finishedAt: state.jobFinishedAt,
      total: state.jobTotal,
      resealed: state.jobResealed,
      failed: state.jobFailed,
      lastError: state.jobLastError,
      remaining,
      progress: state.jobTotal > 0 ? Math.min(1, Math.max(0, (state.jobTotal - remaining) / state.jobTotal)) : running ? 0 : 1,
      ratePerSecond: rate,
      etaSeconds: running && rate && rate > 0 ? Math.ceil(remaining / rate) : null,
    },
  };
}

export type EncryptionStatus = Awaited<ReturnType<typeof getEncryptionStatus>>;

/** Admin → Encryption. */
export function encryptionStatus({ ctx }: { ctx: ServiceCtx }) {
  return getEncryptionStatus(ctx.db, getKeyRing());
}
