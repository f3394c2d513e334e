import { DecryptionError } from "@/server/crypto/envelope";
import { getKeyRing } from "@/server/secrets/key-ring";
import { ConflictError } from "@/server/errors";

/**
 * A sealed value this server cannot open. When its key is missing from the ring this is an
 * operator's configuration error, not a broken credential: nothing may change the row's status
 * for it, and putting the key back repairs it.
 */
export class UndecryptableError extends ConflictError {
  readonly keyMissing: boolean;
  /** The message without its subject, for doors that name the subject their own way. */
  readonly reason: string;
  constructor(
    readonly subject: string,
    readonly keyId: string,
  ) {
    const keyMissing = !getKeyRing().byId.has(keyId);
    const reason = keyMissing
      ? `sealed with encryption key “${keyId}”, which this server's key ring lacks — an operator must add that key back`
      : `cannot be decrypted with encryption key “${keyId}” (the stored value is damaged or was moved from another row)`;
    super(`${subject}: ${reason}`);
    this.keyMissing = keyMissing;
    this.reason = reason;
  }
}

/** Runs `open`, turning the envelope's deliberately vague DecryptionError into an UndecryptableError. */
export function openSealed<T>(subject: string, keyId: string, open: () => T): T {
  try {
    return open();
  } catch (err) {
    if (err instanceof DecryptionError) throw new UndecryptableError(subject, keyId);
    throw err;
  }
}
