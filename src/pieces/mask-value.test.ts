import { describe, expect, it } from "vitest";
import { getPiece } from "./index";
import type { PieceAuth } from "./types";
import { maskValue, type ConnectionValue } from "./value-schema";

const authOf = (name: string, type: PieceAuth["type"]) => getPiece(name)!.auths.find((a) => a.type === type)!;

function expectHidden(hints: Record<string, string>, secret: string) {
  const all = Object.values(hints).join(" ");
  expect(all).not.toContain(secret);
  // No window of 9 consecutive characters of the secret may appear.
  for (let i = 0; i + 9 <= secret.length; i++) expect(all).not.toContain(secret.slice(i, i + 9));
}

describe("maskValue", () => {
  it("masks a secret text", () => {
    const secret = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
    const hints = maskValue(authOf("openai", "SECRET_TEXT"), { type: "SECRET_TEXT", secret_text: secret });
    expect(hints).toEqual({ secret_text: "sk-p…6789" });
    expectHidden(hints, secret);
  });

  it("shows the username and masks the password", () => {
    const hints = maskValue(authOf("twilio", "BASIC"), { type: "BASIC", username: "AC0123456789", password: "auth-token-zyxwvutsrqpomlkj" });
    expect(hints.username).toBe("AC0123456789");
    expectHidden(hints, "auth-token-zyxwvutsrqpomlkj");
  });

  it("shows plain custom fields and masks secret ones", () => {
    const password = "correct-horse-battery-staple";
    const value: ConnectionValue = {
      type: "CUSTOM_AUTH",
      props: { host: "db.internal", port: 5432, database: "app", user: "svc", password, ssl: true },
    };
    const hints = maskValue(authOf("postgres", "CUSTOM"), value);
    expect(hints).toMatchObject({ host: "db.internal", port: "5432", database: "app", user: "svc", ssl: "Yes" });
    expect(hints.password).toMatch(/…|•/);
    expectHidden(hints, password);
  });

  it("shows dropdown labels", () => {
    const hints = maskValue(authOf("smtp", "CUSTOM"), { type: "CUSTOM_AUTH", props: { host: "h", port: 465, security: "tls" } });
    expect(hints.security).toBe("TLS/SSL");
  });

  it("masks props the auth does not declare", () => {
    const hints = maskValue(authOf("postgres", "CUSTOM"), { type: "CUSTOM_AUTH", props: { legacyToken: "tok_live_abcdefghijklmnop" } });
    expectHidden(hints, "tok_live_abcdefghijklmnop");
  });

  it("masks OAuth2 tokens and secret props but shows metadata", () => {
    const value: ConnectionValue = {
      type: "OAUTH2",
      access_token: "ya29.a0AfH6SMBx-access-token-value-long",
      refresh_token: "1//0refresh-token-value-that-is-long",
      token_type: "Bearer",
      expires_at: "2030-01-01T00:00:00.000Z",
      scope: "openid email",
      client_id: "client-123",
      props: { clientId: "client-123", clientSecret: "GOCSPX-client-secret-value", authUrl: "https://id.example.com/a" },
    };
    const hints = maskValue(authOf("oauth2-custom", "OAUTH2"), value);
    expect(hints).toMatchObject({ token_type: "Bearer", scope: "openid email", client_id: "client-123", authUrl: "https://id.example.com/a" });
    for (const secret of [value.access_token, value.refresh_token!, "GOCSPX-client-secret-value"]) expectHidden(hints, secret);
  });
});
