import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { KeyRing } from "./keyring";

export interface SealedValue {
  /** base64 of: version (1 byte) | nonce (12) | ciphertext | GCM tag (16). */
  ciphertext: string;
  keyId: string;
}

const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + NONCE_BYTES;
const ALGORITHM = "aes-256-gcm";

/** Deliberately vague: callers must not learn which check failed. */
export class DecryptionError extends Error {
  override name = "DecryptionError";
  constructor() {
    super("The stored credentials could not be decrypted.");
  }
}

/**
 * Seals `value` as JSON with the ring's current key. `aad` (the connection id)
 * is authenticated but not stored, so a ciphertext copied to another row will
 * not decrypt there.
 */
export function encryptJson(ring: KeyRing, value: unknown, aad: string): SealedValue {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError("encryptJson: value is not JSON-serialisable.");
  return sealBytes(ring, Buffer.from(json, "utf8"), aad);
}

export function decryptJson<T>(ring: KeyRing, sealed: SealedValue, aad: string): T {
  const plaintext = openBytes(ring, sealed, aad);
  try {
    return JSON.parse(plaintext.toString("utf8")) as T;
  } catch {
    throw new DecryptionError();
  } finally {
    plaintext.fill(0);
  }
}

/** Re-seals with the current key, for key rotation. */
export function reencrypt(ring: KeyRing, sealed: SealedValue, aad: string): SealedValue {
  const plaintext = openBytes(ring, sealed, aad);
  try {
    return sealBytes(ring, plaintext, aad);
  } finally {
    plaintext.fill(0);
  }
}

function sealBytes(ring: KeyRing, plaintext: Buffer, aad: string): SealedValue {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, ring.current.key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const layout = Buffer.concat([Buffer.of(VERSION), nonce, body, cipher.getAuthTag()]);
  return { ciphertext: layout.toString("base64"), keyId: ring.current.id };
}

function openBytes(ring: KeyRing, sealed: SealedValue, aad: string): Buffer {
  const entry = ring.byId.get(sealed.keyId);
  if (!entry || typeof sealed.ciphertext !== "string") throw new DecryptionError();
  const layout = Buffer.from(sealed.ciphertext, "base64");
  if (layout.length < HEADER_BYTES + TAG_BYTES || layout[0] !== VERSION) throw new DecryptionError();

  const nonce = layout.subarray(1, HEADER_BYTES);
  const body = layout.subarray(HEADER_BYTES, layout.length - TAG_BYTES);
  const tag = layout.subarray(layout.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv(ALGORITHM, entry.key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}
