import { describe, expect, it } from "vitest";
import { REDACTED, redactFields } from "./redact";

const CANARY = "canary-7f3a91";

describe("redactFields", () => {
  it("replaces secret-named fields at any depth and keeps the rest", () => {
    const out = redactFields({
      headers: { authorization: `Bearer ${CANARY}`, cookie: `s=${CANARY}`, "content-type": "application/json" },
      input: { credentials: { password: CANARY }, nested: { deeper: { clientSecret: CANARY, refresh_token: CANARY, value: { a: CANARY } } } },
      apiKeyId: "key-1",
      tokenExpiresAt: "2030-01-01",
      connectionId: "c1",
    }) as Record<string, unknown>;
    expect(JSON.stringify(out)).not.toContain(CANARY);
    expect(out).toMatchObject({ apiKeyId: "key-1", tokenExpiresAt: "2030-01-01", connectionId: "c1" });
    expect((out.headers as Record<string, unknown>).authorization).toBe(REDACTED);
    expect((out.headers as Record<string, unknown>)["content-type"]).toBe("application/json");
  });

  it("redacts inside arrays and serializes errors", () => {
    const out = redactFields({ list: [{ secret: CANARY }], error: new Error("boom") });
    expect(JSON.stringify(out)).not.toContain(CANARY);
    expect(out).toMatchObject({ error: { type: "Error", message: "boom" } });
  });
});
