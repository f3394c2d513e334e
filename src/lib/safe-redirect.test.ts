import { describe, expect, it } from "vitest";
import { DEFAULT_REDIRECT_PATH, isSafeRedirectPath, safeRedirectPath } from "./safe-redirect";

// Known open-redirect payloads: each would leave the app (or smuggle a scheme) in some browser.
const REFUSED = [
  "//evil.example",
  "//evil.example/x",
  "///evil.example/x",
  "////evil.example",
  "/\\evil.example/x",
  "\\\\evil.example",
  "\\/evil.example",
  "/%5Cevil.example/x",
  "/%5cevil.example/x",
  "/%255Cevil.example/x",
  "/%25255Cevil.example/x",
  "/%2Fevil.example",
  "/%2f%2fevil.example",
  "%2F%2Fevil.example",
  "/%252F/evil.example",
  "/\t/evil.example/x",
  "/\n/evil.example/x",
  "/\r/evil.example/x",
  "/%09/evil.example/x",
  "/%0a/evil.example",
  "/%0D%0A/evil.example",
  "/%2509/evil.example",
  "/%00/evil.example",
  "/\u0000",
  "/ok\u007f",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "/javascript:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "https://evil.example",
  "http:evil.example",
  "http:/evil.example",
  "https:\\\\evil.example",
  "/user:pass@evil.example",
  "/@evil.example",
  "//user@evil.example",
  "evil.example",
  "./x",
  "../x",
  "?next=/x",
  "#/x",
  "",
  " /connections",
  "/\uff0f\uff0fevil.example",
  "/\uff3cevil.example",
  "/\u2215\u2215evil.example",
  "/\u200b/evil.example",
  "/\u202e/elpmaxe.live",
  "/%E2%80%AE/x",
  "/%C0%AF/evil.example",
  "/" + "a".repeat(2001),
];

const ALLOWED = [
  "/",
  "/connections",
  "/p/abc123/connections?status=ACTIVE&search=slack",
  "/p/abc123/flows?connection=openai-team",
  "/p/abc123/connections?search=100%25",
  "/p/abc123/connections?search=100%",
  "/p/abc123/audit#top",
  "/flows?next=%2Fconnections",
  "/p/x/connections?search=caf%C3%A9",
  "/embed/connections?piece=slack",
];

describe("safeRedirectPath", () => {
  it.each(REFUSED.map((p) => [JSON.stringify(p), p]))("refuses %s", (_label, payload) => {
    expect(safeRedirectPath(payload)).toBe(DEFAULT_REDIRECT_PATH);
    expect(isSafeRedirectPath(payload)).toBe(false);
  });

  it.each(ALLOWED)("keeps %s", (path) => {
    expect(safeRedirectPath(path)).toBe(path);
    expect(isSafeRedirectPath(path)).toBe(true);
  });

  it("has a corpus of at least 30 known payloads", () => {
    expect(REFUSED.length).toBeGreaterThanOrEqual(30);
  });

  it("uses the caller's fallback and refuses non-strings", () => {
    expect(safeRedirectPath("//evil.example", "/p/1/connections")).toBe("/p/1/connections");
    expect(safeRedirectPath(undefined)).toBe("/");
    expect(safeRedirectPath(["/x"])).toBe("/");
    expect(safeRedirectPath(null, "/home")).toBe("/home");
  });

  it("refuses a value that is still changing after several decoding rounds", () => {
    let nested = "/%5Cevil.example";
    for (let i = 0; i < 6; i++) nested = nested.replace("%", "%25");
    expect(safeRedirectPath(nested)).toBe("/");
  });
});
