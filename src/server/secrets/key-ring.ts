import { dataDir, getEnv, usesEmbeddedDatabase } from "@/env";
import { generateKeySpec, parseKeyRing, type KeyRing } from "@/server/crypto/keyring";
import { log } from "@/server/log";
import { readOrCreateSecretFile } from "./data-dir-secret";
import { MissingSecretError } from "./auth-secret";

const KEY_FILE = "encryption-keys";
const RING_KEY = Symbol.for("connections-manager.key-ring");
type GlobalWithRing = typeof globalThis & { [RING_KEY]?: KeyRing };

/**
 * The key ring for credentials at rest: ENCRYPTION_KEYS, or with the embedded database a key
 * generated once into the data directory. A PostgreSQL server with no key refuses to start,
 * because a key generated on one instance would be unknown to the others.
 */
export function getKeyRing(): KeyRing {
  const g = globalThis as GlobalWithRing;
  if (g[RING_KEY]) return g[RING_KEY];
  const spec = getEnv().ENCRYPTION_KEYS;
  if (spec) return (g[RING_KEY] = parseKeyRing(spec));
  if (!usesEmbeddedDatabase()) {
    throw new MissingSecretError(
      'ENCRYPTION_KEYS is required with DATABASE_URL: set it to "k1:<32 random bytes in base64>", e.g. k1:$(openssl rand -base64 32)',
    );
  }
  const dir = dataDir();
  const { value, created } = readOrCreateSecretFile(dir, KEY_FILE, () => generateKeySpec());
  if (created) {
    log.warn(`generated an encryption key for credentials at rest in ${dir}/${KEY_FILE}: back it up, without it stored credentials cannot be decrypted`);
  }
  return (g[RING_KEY] = parseKeyRing(value));
}

/** Where the embedded installation keeps its generated key ring. */
export function keyFilePath(): string {
  return `${dataDir()}/${KEY_FILE}`;
}

/** Forgets the cached ring so the next getKeyRing() reads it again (after a rotation, in tests). */
export function resetKeyRingCache() {
  delete (globalThis as GlobalWithRing)[RING_KEY];
}
