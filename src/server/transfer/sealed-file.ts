import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";
import { ValidationError } from "@/server/errors";

// An export file is one JSON object: a versioned header (format, KDF and cipher parameters) and
// the payload sealed with AES-256-GCM under a key derived from a passphrase with scrypt. The
// header is authenticated as additional data, so changing any byte of the file fails to open.

export const FORMAT = "connections-manager-export";
export const FORMAT_VERSION = 1;

interface KdfParams {
  name: "scrypt";
  N: number;
  r: number;
  p: number;
  salt: string;
}

interface Header {
  format: typeof FORMAT;
  version: number;
  kdf: KdfParams;
  cipher: { name: "aes-256-gcm"; iv: string };
}

const DEFAULT_KDF = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;
const TAG_BYTES = 16;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const WRONG_PASSPHRASE = "Wrong passphrase, or the file was changed after it was exported";
const NOT_AN_EXPORT = "This is not an export file of this app";

function deriveKey(passphrase: string, kdf: KdfParams): Buffer {
  // Memory is 128 * N * r bytes; the bound below keeps a crafted header from exhausting it.
  return scryptSync(passphrase.normalize("NFC"), Buffer.from(kdf.salt, "base64"), KEY_BYTES, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * 1024 * 1024 });
}

/** The bytes authenticated with the payload: the header fields in a fixed order. */
function aadOf(h: Header): Buffer {
  return Buffer.from(JSON.stringify([h.format, h.version, h.kdf.name, h.kdf.N, h.kdf.r, h.kdf.p, h.kdf.salt, h.cipher.name, h.cipher.iv]), "utf8");
}

/** `cost` lowers scrypt's N for tests only; files always record the N they were sealed with. */
export function sealExport(payload: unknown, passphrase: string, cost: { N?: number } = {}): string {
  const header: Header = {
    format: FORMAT,
    version: FORMAT_VERSION,
    kdf: { name: "scrypt", ...DEFAULT_KDF, ...cost, salt: randomBytes(16).toString("base64") },
    cipher: { name: "aes-256-gcm", iv: randomBytes(12).toString("base64") },
  };
  const key = deriveKey(passphrase, header.kdf);
  try {
    const cipher = createCipheriv("aes-256-gcm", key, Buffer.from(header.cipher.iv, "base64"), { authTagLength: TAG_BYTES });
    cipher.setAAD(aadOf(header));
    const body = Buffer.concat([cipher.update(JSON.stringify(payload), "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `${JSON.stringify({ ...header, data: body.toString("base64") })}\n`;
  } finally {
    key.fill(0);
  }
}

function isBase64(v: unknown, bytes?: number): v is string {
  return typeof v === "string" && BASE64.test(v) && (bytes === undefined || Buffer.from(v, "base64").length === bytes);
}

function readHeader(text: string): { header: Header; data: Buffer } {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new ValidationError(NOT_AN_EXPORT, { file: NOT_AN_EXPORT });
  }
  if (!parsed || typeof parsed !== "object" || parsed.format !== FORMAT) throw new ValidationError(NOT_AN_EXPORT, { file: NOT_AN_EXPORT });
  if (parsed.version !== FORMAT_VERSION) {
    const msg = `This export has format version ${String(parsed.version)}; this app reads version ${FORMAT_VERSION}`;
    throw new ValidationError(msg, { file: msg });
  }
  const kdf = parsed.kdf as KdfParams | undefined;
  const cipher = parsed.cipher as Header["cipher"] | undefined;
  const validKdf =
    kdf?.name === "scrypt" &&
    Number.isInteger(kdf.N) &&
    kdf.N >= 2 ** 14 &&
    kdf.N <= 2 ** 20 &&
    (kdf.N & (kdf.N - 1)) === 0 &&
    Number.isInteger(kdf.r) &&
    kdf.r >= 8 &&
    kdf.r <= 16 &&
    Number.isInteger(kdf.p) &&
    kdf.p >= 1 &&
    kdf.p <= 4 &&
    isBase64(kdf.salt, 16);
  if (
    !validKdf ||
    cipher?.name !== "aes-256-gcm" ||
    !isBase64(cipher.iv, 12) ||
    !isBase64(parsed.data) ||
    Buffer.from(parsed.data, "base64").length <= TAG_BYTES
  ) {
    throw new ValidationError(WRONG_PASSPHRASE, { file: WRONG_PASSPHRASE });
  }
  return { header: { format: FORMAT, version: FORMAT_VERSION, kdf, cipher }, data: Buffer.from(parsed.data, "base64") };
}

/** The payload of an export file; a wrong passphrase or any changed byte is the same ValidationError. */
export function openExport(text: string, passphrase: string): unknown {
  const { header, data } = readHeader(text.trim());
  const key = deriveKey(passphrase, header.kdf);
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(header.cipher.iv, "base64"), { authTagLength: TAG_BYTES });
    decipher.setAAD(aadOf(header));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    plaintext = Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new ValidationError(WRONG_PASSPHRASE, { passphrase: WRONG_PASSPHRASE });
  } finally {
    key.fill(0);
  }
  try {
    return JSON.parse(plaintext.toString("utf8"));
  } finally {
    plaintext.fill(0);
  }
}
