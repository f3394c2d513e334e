import { describe, expect, it } from "vitest";
import { currentRequest, requestIdFrom, runWithRequest } from "./request-context";

describe("request ids", () => {
  it("accepts a short plain X-Request-Id and replaces anything else", () => {
    expect(requestIdFrom("abc-123_x.y:z")).toBe("abc-123_x.y:z");
    for (const bad of ["", "has space", "line\nbreak", "x".repeat(129), '"quoted"', undefined, null]) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requestIdFrom(["first", "second"])).toBe("first");
  });

  it("keeps the id across awaits inside the request", async () => {
    const seen = await runWithRequest({ requestId: "r-1" }, async () => {
      await new Promise((r) => setTimeout(r, 5));
      return currentRequest()?.requestId;
    });
    expect(seen).toBe("r-1");
    expect(currentRequest()).toBeUndefined();
  });
});
