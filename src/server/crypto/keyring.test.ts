import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateKeySpec, KeyRingError, parseKeyRing } from "./keyring";

const key32 = () => randomBytes(32).toString("base64");

describe("parseKeyRing", () => {
  it("makes the first key current and keeps every key for decryption", () => {
    const a = key32();
    const b = key32();
    const ring = parseKeyRing(`new:${a}, old:${b}`);
    expect(ring.current.id).toBe("new");
    expect(ring.current.key.equals(Buffer.from(a, "base64"))).toBe(true);
    expect([...ring.byId.keys()]).toEqual(["new", "old"]);
    expect(ring.byId.get("old")!.key.equals(Buffer.from(b, "base64"))).toBe(true);
  });

  it("accepts base64url keys", () => {
    const raw = randomBytes(32);
    expect(parseKeyRing(`k1:${raw.toString("base64url")}`).current.key.equals(raw)).toBe(true);
  });

  const secretLooking = randomBytes(32).toString("base64");
  const cases: [string, string, RegExp][] = [
    ["empty spec", " , ", /empty/],
    ["missing colon", secretLooking, /#1 is not of the form/],
    ["bad key id", `bad id!:${secretLooking}`, /#1 has an invalid key id/],
    ["too long key id", `${"a".repeat(33)}:${secretLooking}`, /invalid key id/],
    ["duplicate id", `k1:${secretLooking},k1:${key32()}`, /#2 reuses the key id "k1"/],
    ["short key", `k1:${randomBytes(16).toString("base64")}`, /exactly 32 bytes, got 16/],
    ["long key", `k1:${randomBytes(33).toString("base64")}`, /exactly 32 bytes, got 33/],
    ["not base64", `k1:${secretLooking.slice(0, 20)}$$${secretLooking.slice(22)}`, /not valid base64/],
  ];
  it.each(cases)("rejects %s with a clear message that never contains key material", (_name, spec, message) => {
    let error: unknown;
    try {
      parseKeyRing(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KeyRingError);
    const text = (error as Error).message;
    expect(text).toMatch(message);
    expect(text).not.toContain(secretLooking.slice(0, 12));
    expect(text).not.toContain(secretLooking.slice(-12));
  });
});

describe("generateKeySpec", () => {
  it("produces a parseable one-key spec with a dated id by default", () => {
    const spec = generateKeySpec();
    const ring = parseKeyRing(spec);
    expect(ring.current.id).toMatch(/^k\d{8}$/);
    expect(ring.current.key).toHaveLength(32);
  });

  it("uses the given key id and fresh randomness each time", () => {
    const first = parseKeyRing(generateKeySpec("rotated_2"));
    const second = parseKeyRing(generateKeySpec("rotated_2"));
    expect(first.current.id).toBe("rotated_2");
    expect(first.current.key.equals(second.current.key)).toBe(false);
  });

  it("refuses an invalid key id", () => {
    expect(() => generateKeySpec("no spaces")).toThrow(KeyRingError);
  });
});
