import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { forgetRequestOrigin, listeningUrl, publicOrigin, rememberRequestOrigin, requestOrigin } from "./public-origin";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
  forgetRequestOrigin();
});

function withEnv(vars: Record<string, string | undefined>) {
  process.env = { ...saved, APP_URL: "", TRUST_PROXY: "", PORT: "3000", ...vars };
  resetEnvCache();
}

const req = (headers: Record<string, string>) => ({ headers: new Headers(headers) });

describe("publicOrigin", () => {
  it("uses APP_URL when set, whatever the request says", () => {
    withEnv({ APP_URL: "https://connections.example.com/" });
    expect(publicOrigin(req({ host: "localhost:3000" }))).toBe("https://connections.example.com");
    expect(publicOrigin()).toBe("https://connections.example.com");
    withEnv({ APP_URL: "https://connections.example.com:8443/some/path", TRUST_PROXY: "1" });
    expect(publicOrigin(req({ host: "x", "x-forwarded-host": "evil.example" }))).toBe("https://connections.example.com:8443");
  });

  it("uses the request's Host, port kept, when APP_URL is not set", () => {
    withEnv({});
    expect(publicOrigin(req({ host: "localhost:3000" }))).toBe("http://localhost:3000");
    expect(publicOrigin(req({ host: "127.0.0.1:3000" }))).toBe("http://127.0.0.1:3000");
    expect(publicOrigin(req({ host: "cm.internal:8080" }))).toBe("http://cm.internal:8080");
    expect(publicOrigin(req({ host: "cm.internal" }))).toBe("http://cm.internal");
  });

  it("reads Node's header objects as well as fetch Headers", () => {
    withEnv({});
    expect(publicOrigin({ headers: { host: "localhost:3300" } })).toBe("http://localhost:3300");
    expect(publicOrigin({ headers: { host: ["127.0.0.1:3300"] } })).toBe("http://127.0.0.1:3300");
  });

  it("ignores X-Forwarded-Host and -Proto unless TRUST_PROXY=1", () => {
    const proxied = req({ host: "10.0.0.5:3000", "x-forwarded-host": "cm.example.com", "x-forwarded-proto": "https" });
    withEnv({});
    expect(publicOrigin(proxied)).toBe("http://10.0.0.5:3000");
    withEnv({ TRUST_PROXY: "0" });
    expect(publicOrigin(proxied)).toBe("http://10.0.0.5:3000");
    withEnv({ TRUST_PROXY: "1" });
    expect(publicOrigin(proxied)).toBe("https://cm.example.com");
    // A chain of proxies: the first value is the client's.
    expect(publicOrigin(req({ host: "h", "x-forwarded-host": "cm.example.com:8443, proxy.local", "x-forwarded-proto": "https, http" }))).toBe(
      "https://cm.example.com:8443",
    );
    // Proto alone keeps the Host; an unknown proto is not trusted.
    expect(publicOrigin(req({ host: "cm.example.com", "x-forwarded-proto": "https" }))).toBe("https://cm.example.com");
    expect(publicOrigin(req({ host: "cm.example.com", "x-forwarded-proto": "javascript" }))).toBe("http://cm.example.com");
  });

  it("brackets an IPv6 host and keeps its port", () => {
    withEnv({ TRUST_PROXY: "1" });
    expect(publicOrigin(req({ host: "[::1]:3000" }))).toBe("http://[::1]:3000");
    expect(publicOrigin(req({ host: "[2001:db8::7]" }))).toBe("http://[2001:db8::7]");
    expect(publicOrigin(req({ host: "h", "x-forwarded-host": "2001:db8::7" }))).toBe("http://[2001:db8::7]");
  });

  it("never answers a wildcard bind address (0.0.0.0 or ::)", () => {
    withEnv({ HOSTNAME: "0.0.0.0" });
    expect(publicOrigin(req({ host: "0.0.0.0:3000" }))).toBe("http://localhost:3000");
    expect(publicOrigin(req({ host: "[::]:3000" }))).toBe("http://localhost:3000");
    // No Host at all (HTTP/1.0): not the bind address either.
    expect(publicOrigin(req({}))).toBe("http://localhost:3000");
  });

  it("refuses a Host that is not a host", () => {
    withEnv({});
    expect(requestOrigin(req({ host: "user@evil.example" }))).toBeNull();
    expect(requestOrigin(req({ host: "cm.example.com/path" }))).toBeNull();
    expect(publicOrigin(req({ host: "a b" }))).toBe("http://localhost:3000");
  });

  it("without a request, uses the origin last seen on one (background jobs), else localhost:PORT", () => {
    withEnv({ PORT: "3300" });
    expect(publicOrigin()).toBe("http://localhost:3300");
    rememberRequestOrigin(req({ host: "127.0.0.1:3300" }));
    expect(publicOrigin()).toBe("http://127.0.0.1:3300");
    publicOrigin(req({ host: "cm.lan:3300" }));
    expect(publicOrigin(null)).toBe("http://cm.lan:3300");
  });
});

describe("listeningUrl (the start-up banner)", () => {
  it("prints APP_URL when set, else a URL a browser on this machine can open", () => {
    withEnv({ APP_URL: "https://cm.example.com" });
    expect(listeningUrl("0.0.0.0", 3000)).toBe("https://cm.example.com");
    withEnv({});
    expect(listeningUrl("0.0.0.0", 3000)).toBe("http://localhost:3000");
    expect(listeningUrl("::", 3000)).toBe("http://localhost:3000");
    expect(listeningUrl("127.0.0.1", 3300)).toBe("http://127.0.0.1:3300");
    expect(listeningUrl("::1", 3300)).toBe("http://[::1]:3300");
  });
});
