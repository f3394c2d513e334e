import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseKeyRing } from "@/server/crypto/keyring";
import { missingKeys, staleCount, type SealedCount } from "./count-sealed";
import { describeMissingKeys } from "./missing-keys";
import { nextKeyId } from "./rotate-key";

const ring = (...ids: string[]) => parseKeyRing(ids.map((id) => `${id}:${randomBytes(32).toString("base64")}`).join(","));

const counts: SealedCount[] = [
  { kind: "connection", keyId: "k0", count: 2 },
  { kind: "connection", keyId: "k1", count: 25 },
  { kind: "webhook_secret", keyId: "k1", count: 1 },
  { kind: "connection", keyId: "k2", count: 3 },
];

describe("sealed value counts", () => {
  it("stale values are those under a ring key that is not current; missing keys are listed apart", () => {
    const r = ring("k2", "k1");
    expect(staleCount(counts, r)).toBe(26);
    const missing = missingKeys(counts, r);
    expect([...missing.keys()]).toEqual(["k0"]);
    expect(describeMissingKeys(missingKeys(counts, ring("k2")))).toBe("k0 (connections: 2); k1 (connections: 25, webhook signing secrets: 1)");
  });

  it("a new key id never collides with one in the ring", () => {
    const day = new Date("2026-11-29T10:00:00Z");
    expect(nextKeyId(ring("k1"), day)).toBe("k20261129");
    expect(nextKeyId(ring("k20261129", "k1"), day)).toBe("k20261129-2");
    expect(nextKeyId(ring("k20261129-2", "k20261129"), day)).toBe("k20261129-3");
  });
});
