import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptJson, DecryptionError, encryptJson, reencrypt, type SealedValue } from "./envelope";
import { parseKeyRing } from "./keyring";

const spec = (id: string) => `${id}:${randomBytes(32).toString("base64")}`;
const oldSpec = spec("old");
const ring = parseKeyRing(oldSpec);
const value = { type: "SECRET_TEXT", secret_text: "sk-test-1234567890abcdef", nested: { n: 1, ok: true } };
const rowId = "conn_01HZX";

function expectRejected(sealed: SealedValue, aad = rowId, withRing = ring) {
  let error: unknown;
  try {
    decryptJson(withRing, sealed, aad);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DecryptionError);
  expect((error as Error).message).toBe("The stored credentials could not be decrypted.");
}

function flipByte(sealed: SealedValue, index: number): SealedValue {
  const bytes = Buffer.from(sealed.ciphertext, "base64");
  bytes[index] = bytes[index]! ^ 0x01;
  return { ...sealed, ciphertext: bytes.toString("base64") };
}

describe("envelope encryption", () => {
  it("round-trips JSON bound to the row id and records the key id", () => {
    const sealed = encryptJson(ring, value, rowId);
    expect(sealed.keyId).toBe("old");
    expect(sealed.ciphertext).not.toContain("sk-test");
    expect(decryptJson(ring, sealed, rowId)).toEqual(value);
  });

  it("uses a versioned layout: version | 12-byte nonce | body | 16-byte tag", () => {
    const sealed = encryptJson(ring, "x", rowId);
    const bytes = Buffer.from(sealed.ciphertext, "base64");
    expect(bytes[0]).toBe(1);
    expect(bytes.length).toBe(1 + 12 + Buffer.byteLength(JSON.stringify("x")) + 16);
  });

  it("gives different ciphertexts for the same plaintext", () => {
    const a = encryptJson(ring, value, rowId);
    const b = encryptJson(ring, value, rowId);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(Buffer.from(a.ciphertext, "base64").subarray(1, 13)).not.toEqual(Buffer.from(b.ciphertext, "base64").subarray(1, 13));
  });

  it("rejects a flipped byte in every region", () => {
    const sealed = encryptJson(ring, value, rowId);
    const length = Buffer.from(sealed.ciphertext, "base64").length;
    const regions = { version: 0, nonce: 5, body: 13 + 3, tag: length - 1 };
    for (const index of Object.values(regions)) expectRejected(flipByte(sealed, index));
  });

  it("rejects the wrong row id, an unknown key id, truncation and garbage", () => {
    const sealed = encryptJson(ring, value, rowId);
    expectRejected(sealed, "conn_other");
    expectRejected({ ...sealed, keyId: "missing" });
    const bytes = Buffer.from(sealed.ciphertext, "base64");
    expectRejected({ ...sealed, ciphertext: bytes.subarray(0, bytes.length - 1).toString("base64") });
    expectRejected({ ...sealed, ciphertext: bytes.subarray(0, 20).toString("base64") });
    expectRejected({ ...sealed, ciphertext: "" });
    expectRejected({ ...sealed, ciphertext: "not base64 at all!" });
  });

  it("does not decrypt with another key that has the same id", () => {
    const sealed = encryptJson(ring, value, rowId);
    expectRejected(sealed, rowId, parseKeyRing(spec("old")));
  });

  it("keeps old ciphertexts readable after rotation, and reencrypt moves them to the new key", () => {
    const sealedWithOld = encryptJson(ring, value, rowId);
    const rotated = parseKeyRing(`${spec("new")},${oldSpec}`);
    expect(decryptJson(rotated, sealedWithOld, rowId)).toEqual(value);
    expect(encryptJson(rotated, value, rowId).keyId).toBe("new");

    const moved = reencrypt(rotated, sealedWithOld, rowId);
    expect(moved.keyId).toBe("new");
    expect(decryptJson(rotated, moved, rowId)).toEqual(value);
    expectRejected(moved, rowId, ring);
    expect(() => reencrypt(rotated, sealedWithOld, "conn_other")).toThrow(DecryptionError);
  });

  it("refuses values that are not JSON", () => {
    expect(() => encryptJson(ring, undefined, rowId)).toThrow(TypeError);
  });
});
