import { getEnv } from "@/env";
import type { KeyRing } from "@/server/crypto/keyring";
import type { Db } from "@/server/db/types";
import { log } from "@/server/log";
import { countSealedByKey, missingKeys, type SealedCount } from "./count-sealed";
import { sealedKind } from "./sealed-kinds";

/** Raised at start-up: its message alone, on one line, tells the operator what to fix. */
export class MissingKeysError extends Error {
  override name = "MissingKeysError";
}

/** "k1 (connections: 25, webhook signing secrets: 1); k0 (connections: 2)" */
export function describeMissingKeys(missing: Map<string, SealedCount[]>): string {
  return [...missing.entries()].map(([keyId, counts]) => `${keyId} (${counts.map((c) => `${sealedKind(c.kind).label}: ${c.count}`).join(", ")})`).join("; ");
}

/**
 * Refuses to run when values are sealed with key ids the ring lacks: a removed key is a
 * configuration error to fix, not credentials to lose. ALLOW_MISSING_KEYS=1 starts anyway (those
 * rows answer 409 and nothing in the background changes them) and the admin page shows it.
 */
export async function assertSealedKeysPresent(db: Db, ring: KeyRing): Promise<void> {
  const missing = missingKeys(await countSealedByKey(db), ring);
  if (missing.size === 0) return;
  const where = getEnv().ENCRYPTION_KEYS ? "ENCRYPTION_KEYS" : "the data folder's encryption-keys file";
  const what = `values are sealed with encryption keys missing from the key ring: ${describeMissingKeys(missing)}`;
  if (getEnv().ALLOW_MISSING_KEYS) {
    log.warn(`ALLOW_MISSING_KEYS=1: starting although ${what}; those values cannot be used until the keys are back in ${where}`);
    return;
  }
  throw new MissingKeysError(`${what[0]!.toUpperCase()}${what.slice(1)}. Add them back to ${where}, or set ALLOW_MISSING_KEYS=1 to start anyway.`);
}
