import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { popupResultPage, redirectBack, relayToOpenerPage } from "./callback-response";
import type { CallbackOutcome } from "./complete-authorization";

const failed: CallbackOutcome = {
  ok: false,
  error: `Access was denied at <App>: "</script><script>alert(1)</script>`,
  connectionId: "c1",
  projectId: "p1",
  mode: "popup",
  returnTo: null,
};

describe("popupResultPage", () => {
  it("posts the result to the app's exact origin only, then closes", async () => {
    const res = popupResultPage({ ...failed, ok: true, error: undefined }, "https://cm.example.com");
    const html = await res.text();
    expect(html).toContain(`window.opener.postMessage(m,"https://cm.example.com")`);
    expect(html).toContain(`{"type":"oauth-result","ok":true,"connectionId":"c1"}`);
    expect(html).not.toContain(`"*"`);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("cannot be broken out of by a provider's message, and allows only its own script", async () => {
    const res = popupResultPage(failed, "https://cm.example.com");
    const html = await res.text();
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).toContain("&#60;/script&#62;");
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
    const hash = createHash("sha256").update(script).digest("base64");
    expect(res.headers.get("content-security-policy")).toContain(`script-src 'sha256-${hash}'`);
    expect(html).toContain(`href="https://cm.example.com/p/p1/connections"`);
  });
});

describe("redirectBack", () => {
  it("returns to where the user was with a flag and the message", () => {
    const res = redirectBack({ ...failed, mode: "redirect", returnTo: "/p/p1/connections?status=MISSING" }, "https://cm.example.com");
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location")!);
    expect(location.origin + location.pathname).toBe("https://cm.example.com/p/p1/connections");
    expect(Object.fromEntries(location.searchParams)).toEqual({ status: "MISSING", oauth: "failed", oauth_connection: "c1", oauth_error: failed.error });
  });
});

describe("relayToOpenerPage", () => {
  it("hands the provider's answer to the opener at the app's origin only", async () => {
    const html = await relayToOpenerPage("?code=abc&state=</script>", "https://cm.example.com").text();
    expect(html).toContain(`window.opener.postMessage({"type":"oauth-callback","query":"?code=abc&state=\\u003c/script>"},"https://cm.example.com")`);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });
});
