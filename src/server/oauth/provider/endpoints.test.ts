import { describe, expect, it } from "vitest";
import { authorizationServer, buildAuthorizeUrl } from "./endpoints";
import type { OAuthSettings } from "./settings";

const settings: OAuthSettings = {
  pieceName: "gmail",
  grantType: "authorization_code",
  authUrl: "https://accounts.example.com/o/oauth2/auth?hd=example.com",
  tokenUrl: "https://oauth2.example.com/token",
  scopes: ["mail.read", "mail.send"],
  pkce: true,
  extraAuthParams: { access_type: "offline", prompt: "consent", state: "not-this-one" },
  client: { clientId: "client-1", clientSecret: "s3cret", source: "admin" },
};

describe("buildAuthorizeUrl", () => {
  it("asks for a code with PKCE S256, the app's scopes and extra parameters, and never the secret", async () => {
    const url = new URL(
      await buildAuthorizeUrl(settings, { state: "st", redirectUri: "https://cm.example.com/api/oauth/callback", codeVerifier: "v".repeat(43) }),
    );
    expect(url.origin + url.pathname).toBe("https://accounts.example.com/o/oauth2/auth");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      hd: "example.com",
      access_type: "offline",
      prompt: "consent",
      response_type: "code",
      client_id: "client-1",
      redirect_uri: "https://cm.example.com/api/oauth/callback",
      state: "st",
      scope: "mail.read mail.send",
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: "S256",
    });
    expect(url.toString()).not.toContain("s3cret");
  });

  it("leaves PKCE out for apps that do not support it", async () => {
    const url = new URL(await buildAuthorizeUrl({ ...settings, pkce: false }, { state: "st", redirectUri: "https://x/cb", codeVerifier: null }));
    expect(url.searchParams.has("code_challenge")).toBe(false);
    expect(url.searchParams.has("code_challenge_method")).toBe(false);
  });
});

describe("authorizationServer", () => {
  it("takes the authorize endpoint's origin as issuer, or the token endpoint's without one", () => {
    expect(authorizationServer(settings).issuer).toBe("https://accounts.example.com");
    expect(authorizationServer({ authUrl: null, tokenUrl: "https://id.example.com/token" })).toEqual({
      issuer: "https://id.example.com",
      authorization_endpoint: undefined,
      token_endpoint: "https://id.example.com/token",
    });
  });
});
