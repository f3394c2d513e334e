import { describe, expect, it } from "vitest";
import { maskSecret } from "./mask";

function revealedCount(masked: string): number {
  return masked.replaceAll("•", "").replaceAll("…", "").length;
}

describe("maskSecret", () => {
  it("shows the first and last 4 characters of long keys", () => {
    expect(maskSecret("sk-proj-abcdefghijklmnopqrstuvwxyzc123")).toBe("sk-p…c123");
  });

  it("shows only the last 2 characters of 6 to 11 character secrets", () => {
    expect(maskSecret("abcd23")).toBe("••••23");
    expect(maskSecret("12345678901")).toBe("••••01");
  });

  it("hides short secrets entirely", () => {
    expect(maskSecret("")).toBe("••••");
    expect(maskSecret("abc")).toBe("••••");
    expect(maskSecret("abcde")).toBe("••••");
  });

  it("never reveals more than 8 characters or more than a third of the secret", () => {
    for (let length = 0; length <= 200; length++) {
      const secret = "x".repeat(length);
      const shown = revealedCount(maskSecret(secret));
      expect(shown).toBeLessThanOrEqual(8);
      expect(shown).toBeLessThanOrEqual(length / 3);
    }
  });

  it("reveals fewer characters for 12-character secrets", () => {
    expect(maskSecret("abcdefghijkl")).toBe("ab…kl");
  });
});
