import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { isHttpsOrigin, isSameOrigin, isSameOriginRequest } from "./same-origin";

afterEach(() => {
  delete process.env.APP_URL;
  delete process.env.TRUST_PROXY;
  resetEnvCache();
});

describe("isSameOrigin", () => {
  it("accepts the origin the request was addressed to, on either scheme", () => {
    expect(isSameOrigin("http://localhost:3000", "localhost:3000")).toBe(true);
    expect(isSameOrigin("https://connections.example.com", "connections.example.com")).toBe(true);
  });

  it("refuses other hosts, ports, null and garbage", () => {
    expect(isSameOrigin("http://evil.example", "localhost:3000")).toBe(false);
    expect(isSameOrigin("http://localhost:3001", "localhost:3000")).toBe(false);
    expect(isSameOrigin("http://localhost:3000.evil.example", "localhost:3000")).toBe(false);
    expect(isSameOrigin("null", "localhost:3000")).toBe(false);
    expect(isSameOrigin("not a url", "localhost:3000")).toBe(false);
    expect(isSameOrigin(null, "localhost:3000")).toBe(false);
    expect(isSameOrigin("http://localhost:3000", null)).toBe(false);
  });

  it("accepts APP_URL's origin whatever the Host (behind a proxy)", () => {
    process.env.APP_URL = "https://connections.example.com/base";
    resetEnvCache();
    expect(isSameOrigin("https://connections.example.com", "10.0.0.5:3000")).toBe(true);
    expect(isSameOrigin("http://connections.example.com", "10.0.0.5:3000")).toBe(false);
  });
});

describe("isSameOriginRequest", () => {
  const behindProxy = new Headers({ host: "10.0.0.5:3000", "x-forwarded-host": "connections.example.com", "x-forwarded-proto": "https" });

  it("believes the forwarded host and scheme only with TRUST_PROXY=1", () => {
    expect(isSameOriginRequest("https://connections.example.com", { headers: behindProxy })).toBe(false);
    process.env.TRUST_PROXY = "1";
    resetEnvCache();
    expect(isSameOriginRequest("https://connections.example.com", { headers: behindProxy })).toBe(true);
    expect(isSameOriginRequest("https://evil.example", { headers: behindProxy })).toBe(false);
  });

  it("reads Node's header object as well as a fetch Headers", () => {
    expect(isSameOriginRequest("http://127.0.0.1:3000", { headers: { host: "127.0.0.1:3000" } })).toBe(true);
    expect(isSameOriginRequest("http://localhost:3000", { headers: { host: "127.0.0.1:3000" } })).toBe(false);
  });
});

describe("isHttpsOrigin", () => {
  it("follows APP_URL, else the request's own scheme", () => {
    expect(isHttpsOrigin("http://localhost:3000/x")).toBe(false);
    expect(isHttpsOrigin("https://localhost/x")).toBe(true);
    process.env.APP_URL = "https://connections.example.com";
    resetEnvCache();
    expect(isHttpsOrigin("http://10.0.0.5:3000/x")).toBe(true);
  });
});
