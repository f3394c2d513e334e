import { randomBytes } from "node:crypto";
import { dataDir, getEnv, usesEmbeddedDatabase } from "@/env";
import { log } from "@/server/log";
import { readOrCreateSecretFile } from "./data-dir-secret";

export class MissingSecretError extends Error {
  override name = "MissingSecretError";
}

let cached: string | undefined;

/** next-auth derives its keys from this secret; fewer bytes make session cookies guessable. */
export const MIN_AUTH_SECRET_BYTES = 32;

/**
 * The next-auth session secret: AUTH_SECRET, or with the embedded database a secret generated
 * once into the data directory so the first start needs no setup.
 */
export function resolveAuthSecret(): string {
  if (cached) return cached;
  const fromEnv = getEnv().AUTH_SECRET;
  if (fromEnv) {
    if (Buffer.byteLength(fromEnv, "utf8") < MIN_AUTH_SECRET_BYTES) {
      throw new MissingSecretError(
        `AUTH_SECRET is too short (${Buffer.byteLength(fromEnv, "utf8")} bytes): use at least ${MIN_AUTH_SECRET_BYTES}, e.g. \`openssl rand -base64 32\``,
      );
    }
    return (cached = fromEnv);
  }
  if (!usesEmbeddedDatabase()) {
    throw new MissingSecretError(
      "AUTH_SECRET is required with DATABASE_URL (every instance must share it): set it to a random string, e.g. `openssl rand -base64 32`",
    );
  }
  const { value, created } = readOrCreateSecretFile(dataDir(), "auth-secret", () => randomBytes(32).toString("base64url"));
  if (created) log.info("generated a session secret in the data directory", { file: "auth-secret" });
  return (cached = value);
}
