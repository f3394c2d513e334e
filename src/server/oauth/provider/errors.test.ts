import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import { classifyProviderError } from "./errors";

function bodyError(status: number, error: string, description?: string) {
  const response = new Response(null, { status });
  return new oauth.ResponseBodyError("x", { cause: { error, ...(description ? { error_description: description } : {}) }, response });
}

describe("classifyProviderError", () => {
  it("tells a revoked grant from a refused client and other refusals", () => {
    expect(classifyProviderError(bodyError(400, "invalid_grant", "grant request is invalid"))).toEqual({
      kind: "revoked",
      detail: "invalid_grant: grant request is invalid",
    });
    expect(classifyProviderError(bodyError(401, "invalid_client"))).toEqual({ kind: "client", detail: "invalid_client" });
    expect(classifyProviderError(bodyError(400, "invalid_scope"))).toMatchObject({ kind: "refused" });
  });

  it("treats 5xx, 429, timeouts and network failures as transient", () => {
    expect(classifyProviderError(bodyError(503, "temporarily_unavailable"))).toMatchObject({ kind: "transient" });
    expect(classifyProviderError(bodyError(429, "slow_down"))).toMatchObject({ kind: "transient" });
    expect(classifyProviderError(new DOMException("timed out", "TimeoutError"))).toMatchObject({
      kind: "transient",
      detail: "the provider did not answer in time",
    });
    const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    expect(classifyProviderError(refused)).toEqual({ kind: "transient", detail: "the provider could not be reached (ECONNREFUSED)" });
    const html502 = new oauth.OperationProcessingError("unexpected", { cause: new Response("<html>", { status: 502 }) });
    expect(classifyProviderError(html502)).toEqual({ kind: "transient", detail: "the provider answered 502" });
  });
});
