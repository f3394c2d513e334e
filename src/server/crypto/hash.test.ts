import { describe, expect, it } from "vitest";
import { hashPassword, hashToken, randomToken, verifyPassword } from "./hash";

describe("tokens", () => {
  it("hashes tokens with sha256 hex", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("makes prefixed random tokens of 32 random bytes", () => {
    const a = randomToken("cm_");
    const b = randomToken("cm_");
    expect(a).toMatch(/^cm_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.slice(3), "base64url")).toHaveLength(32);
    expect(a).not.toBe(b);
  });
});

describe("passwords", () => {
  it("stores scrypt parameters, salt and hash, and verifies the right password only", async () => {
    const stored = await hashPassword("correct horse battery staple");
    const [scheme, N, r, p, salt, hash] = stored.split("$");
    expect([scheme, N, r, p]).toEqual(["scrypt", "32768", "8", "1"]);
    expect(Buffer.from(salt!, "base64")).toHaveLength(16);
    expect(Buffer.from(hash!, "base64").length).toBeGreaterThanOrEqual(32);

    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("returns false for malformed or out-of-bounds stored values", async () => {
    const stored = await hashPassword("pw");
    const parts = stored.split("$");
    expect(await verifyPassword("pw", "")).toBe(false);
    expect(await verifyPassword("pw", stored.replace("scrypt", "bcrypt"))).toBe(false);
    expect(await verifyPassword("pw", [...parts.slice(0, 1), String(2 ** 30), ...parts.slice(2)].join("$"))).toBe(false);
    expect(await verifyPassword("pw", [...parts.slice(0, 1), "1000", ...parts.slice(2)].join("$"))).toBe(false);
    expect(await verifyPassword("pw", parts.slice(0, 5).join("$"))).toBe(false);
  });
});
