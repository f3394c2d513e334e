import { randomBytes } from "node:crypto";

export interface KeyRingKey {
  id: string;
  key: Buffer;
}

export interface KeyRing {
  /** Encrypts new values. */
  current: KeyRingKey;
  /** Every key, current included, by id: any of them may decrypt. */
  byId: Map<string, KeyRingKey>;
}

export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_BYTES = 32;
const BASE64_PATTERN = /^[A-Za-z0-9+/_-]+={0,2}$/;

export class KeyRingError extends Error {
  override name = "KeyRingError";
}

/**
 * Parses "kid1:BASE64KEY,kid2:BASE64KEY". The first key is current.
 * Error messages name entries by position and validated id only, because a
 * malformed entry may be nothing but key material.
 */
export function parseKeyRing(spec: string): KeyRing {
  const entries = spec
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) {
    throw new KeyRingError('The encryption key ring is empty: expected "keyId:base64key" entries separated by commas.');
  }

  const byId = new Map<string, KeyRingKey>();
  let current: KeyRingKey | undefined;
  entries.forEach((entry, index) => {
    const position = `Encryption key #${index + 1}`;
    const colon = entry.indexOf(":");
    if (colon < 0) throw new KeyRingError(`${position} is not of the form "keyId:base64key".`);
    const id = entry.slice(0, colon).trim();
    const encoded = entry.slice(colon + 1).trim();
    if (!KEY_ID_PATTERN.test(id)) {
      throw new KeyRingError(`${position} has an invalid key id: use 1 to 32 letters, digits, "_" or "-".`);
    }
    if (byId.has(id)) throw new KeyRingError(`${position} reuses the key id "${id}": key ids must be unique.`);
    const key: KeyRingKey = { id, key: decodeKey(encoded, `${position} ("${id}")`) };
    byId.set(id, key);
    current ??= key;
  });

  return { current: current!, byId };
}

function decodeKey(encoded: string, label: string): Buffer {
  if (!BASE64_PATTERN.test(encoded)) throw new KeyRingError(`${label} is not valid base64.`);
  // Node's base64 decoder also accepts the URL-safe alphabet.
  const key = Buffer.from(encoded, "base64");
  if (key.length !== KEY_BYTES) {
    throw new KeyRingError(`${label} must decode to exactly ${KEY_BYTES} bytes, got ${key.length}.`);
  }
  return key;
}

/** A spec for one fresh random key, e.g. "k20250131:…". */
export function generateKeySpec(keyId: string = defaultKeyId()): string {
  if (!KEY_ID_PATTERN.test(keyId)) {
    throw new KeyRingError('Invalid key id: use 1 to 32 letters, digits, "_" or "-".');
  }
  return `${keyId}:${randomBytes(KEY_BYTES).toString("base64")}`;
}

function defaultKeyId(now = new Date()): string {
  const yyyymmdd = now.toISOString().slice(0, 10).replaceAll("-", "");
  return `k${yyyymmdd}`;
}
