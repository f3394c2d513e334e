import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { resetEnvCache } from "@/env";
import { keyFilePath, resetKeyRingCache } from "@/server/secrets/key-ring";

/**
 * Runs `fn` as the embedded installation's default start does: no ENCRYPTION_KEYS, the key ring in
 * the data folder's key file (seeded with this process's ring, so every sealed value still opens).
 * Afterwards the process uses the file's ring (with any key `fn` rotated in) from ENCRYPTION_KEYS again.
 */
export async function inEmbeddedKeyMode<T>(fn: () => Promise<T>): Promise<T> {
  const spec = process.env.ENCRYPTION_KEYS;
  if (!spec) throw new Error("integration tests run with ENCRYPTION_KEYS (tests/integration/setup-env.ts)");
  const file = keyFilePath();
  writeFileSync(file, `${spec}\n`, { mode: 0o600 });
  delete process.env.ENCRYPTION_KEYS;
  resetEnvCache();
  resetKeyRingCache();
  try {
    return await fn();
  } finally {
    process.env.ENCRYPTION_KEYS = readFileSync(file, "utf8").trim();
    rmSync(file, { force: true });
    resetEnvCache();
    resetKeyRingCache();
  }
}
