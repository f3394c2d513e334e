import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { getEnv, usesEmbeddedDatabase } from "@/env";
import { generateKeySpec, parseKeyRing, type KeyRing } from "@/server/crypto/keyring";
import type { ServiceCtx } from "@/server/context";
import { ConflictError } from "@/server/errors";
import { triggerBackgroundJob } from "@/server/jobs/background";
import { getKeyRing, keyFilePath, resetKeyRingCache } from "@/server/secrets/key-ring";
import { syncCurrentKey } from "./sync-current-key";

/** A key id not yet in the ring: k<yyyymmdd>, then k<yyyymmdd>-2, -3 … for more rotations that day. */
export function nextKeyId(ring: KeyRing, now = new Date()): string {
  const base = `k${now.toISOString().slice(0, 10).replaceAll("-", "")}`;
  if (!ring.byId.has(base)) return base;
  for (let n = 2; ; n++) if (!ring.byId.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Embedded installation: puts a fresh key first in the data folder's key file (the older keys stay
 * after it, so their values still open) and makes this process use it. With ENCRYPTION_KEYS the
 * ring belongs to the operator's environment, so this refuses and says what to do instead.
 */
export function rotateKeyFile(): { keyId: string; previousKeyId: string } {
  if (getEnv().ENCRYPTION_KEYS || !usesEmbeddedDatabase()) {
    throw new ConflictError("The key ring comes from ENCRYPTION_KEYS: put a new key first there on every instance and restart them");
  }
  const file = keyFilePath();
  const spec = readFileSync(file, "utf8").trim();
  const ring = parseKeyRing(spec);
  const keyId = nextKeyId(ring);
  // Written beside and renamed over, so a crash never leaves a half-written ring.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${generateKeySpec(keyId)},${spec}\n`, { mode: 0o600 });
  renameSync(temp, file);
  resetKeyRingCache();
  return { keyId, previousKeyId: ring.current.id };
}

/** "Rotate key" on Admin → Encryption (embedded): the new key is recorded and re-encryption starts. */
export async function rotateKey({ ctx }: { ctx: ServiceCtx }) {
  // Until the background job first runs (or with BACKGROUND_JOBS=off) the database has not
  // recorded the current key: record it first, so this rotation is audited as one.
  await syncCurrentKey(ctx.db, getKeyRing(), ctx.actor);
  const rotated = rotateKeyFile();
  await syncCurrentKey(ctx.db, getKeyRing(), ctx.actor);
  triggerBackgroundJob("re-encryption");
  return rotated;
}
