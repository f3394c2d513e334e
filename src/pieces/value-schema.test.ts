import { describe, expect, it } from "vitest";
import { getPiece } from "./index";
import type { PieceAuth } from "./types";
import { buildValueSchema, connectionValueSchema } from "./value-schema";

const authOf = (name: string, type: PieceAuth["type"]) => getPiece(name)!.auths.find((a) => a.type === type)!;

function messages(auth: PieceAuth, input: unknown): string[] {
  const result = buildValueSchema(auth).safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

const postgres = authOf("postgres", "CUSTOM");
const goodPostgres = { props: { host: " db.internal ", port: "5433", database: "app", user: "svc", password: "s3cret-pass", ssl: "on" } };

describe("buildValueSchema", () => {
  it("parses a secret text, trimming it", () => {
    expect(buildValueSchema(authOf("openai", "SECRET_TEXT")).parse({ secret_text: "  sk-abc  " })).toEqual({
      type: "SECRET_TEXT",
      secret_text: "sk-abc",
    });
  });

  it("names the missing key after the auth's label", () => {
    expect(messages(authOf("openai", "SECRET_TEXT"), {})).toEqual(["API key is required"]);
    expect(messages(authOf("openai", "SECRET_TEXT"), { secret_text: "   " })).toEqual(["API key is required"]);
    expect(messages(authOf("openai", "SECRET_TEXT"), { secret_text: 42 })).toEqual(["API key must be text"]);
  });

  it("parses basic auth with the app's own labels in messages", () => {
    const twilio = authOf("twilio", "BASIC");
    expect(buildValueSchema(twilio).parse({ username: "AC123", password: "tok" })).toEqual({ type: "BASIC", username: "AC123", password: "tok" });
    expect(messages(twilio, { username: "AC123" })).toEqual(["Auth Token is required"]);
  });

  it("coerces form strings for custom auth: numbers, checkboxes, defaults", () => {
    expect(buildValueSchema(postgres).parse(goodPostgres)).toEqual({
      type: "CUSTOM_AUTH",
      props: { host: "db.internal", port: 5433, database: "app", user: "svc", password: "s3cret-pass", ssl: true },
    });
    const withDefaults = buildValueSchema(postgres).parse({ props: { ...goodPostgres.props, port: "", user: "", ssl: undefined } });
    expect(withDefaults).toMatchObject({ props: { port: 5432, user: "postgres", ssl: false } });
  });

  it.each([
    ["70000", "Port must be a whole number between 1 and 65535"],
    ["0", "Port must be a whole number between 1 and 65535"],
    ["54.5", "Port must be a whole number between 1 and 65535"],
    ["abc", "Port must be a whole number between 1 and 65535"],
    [true, "Port must be a whole number between 1 and 65535"],
  ])("refuses port %j", (port, message) => {
    expect(messages(postgres, { props: { ...goodPostgres.props, port } })).toEqual([message]);
  });

  it("reports each missing required field, and a wrong checkbox", () => {
    expect(messages(postgres, { props: { port: "5432", ssl: "maybe" } })).toEqual([
      "Host is required",
      "Database is required",
      "Password is required",
      "Use SSL must be checked or unchecked",
    ]);
  });

  it("restricts dropdowns to their options and applies the default", () => {
    const smtp = authOf("smtp", "CUSTOM");
    const base = { host: "smtp.example.com", port: 587 };
    expect(buildValueSchema(smtp).parse({ props: base })).toMatchObject({ props: { security: "starttls" } });
    expect(buildValueSchema(smtp).parse({ props: { ...base, security: "tls" } })).toMatchObject({ props: { security: "tls" } });
    expect(messages(smtp, { props: { ...base, security: "ssl3" } })).toEqual(["Security must be one of: STARTTLS, TLS/SSL, None (unencrypted)"]);
  });

  it("requires http(s) URLs for url fields", () => {
    const http = authOf("http-custom-headers", "CUSTOM");
    const props = { headerName: "X-API-Key", headerValue: "k" };
    expect(buildValueSchema(http).parse({ props: { ...props, baseUrl: "https://api.example.com/v2" } })).toMatchObject({
      props: { baseUrl: "https://api.example.com/v2" },
    });
    for (const baseUrl of ["ftp://example.com", "javascript:alert(1)", "not a url", "https://"]) {
      expect(messages(http, { props: { ...props, baseUrl } })).toEqual(["Base URL must be a valid http(s) URL"]);
    }
  });

  it("refuses oversized values with a clear message", () => {
    const huge = "x".repeat(10 * 1024 * 1024);
    expect(messages(authOf("openai", "SECRET_TEXT"), { secret_text: huge })).toEqual(["API key is too long (at most 8 KB)"]);
    expect(messages(postgres, { props: { ...goodPostgres.props, host: huge } })).toEqual(["Host is too long (at most 8 KB)"]);
    // 8 KB is measured in bytes: 3000 three-byte characters are over it.
    expect(messages(authOf("openai", "SECRET_TEXT"), { secret_text: "€".repeat(3000) })).toEqual(["API key is too long (at most 8 KB)"]);
    expect(buildValueSchema(authOf("openai", "SECRET_TEXT")).safeParse({ secret_text: "k".repeat(8192) }).success).toBe(true);
  });

  it("refuses input that is not an object", () => {
    expect(messages(postgres, "host=db")).toEqual(["Enter the connection's credentials"]);
  });

  it("collects the fields asked before an OAuth2 authorization", () => {
    const custom = authOf("oauth2-custom", "OAUTH2");
    const parsed = buildValueSchema(custom).parse({
      props: { authUrl: "https://id.example.com/authorize", tokenUrl: "https://id.example.com/token", clientId: "abc", clientSecret: "" },
    });
    expect(parsed).toEqual({
      type: "OAUTH2",
      props: { authUrl: "https://id.example.com/authorize", tokenUrl: "https://id.example.com/token", clientId: "abc" },
    });
    expect(messages(custom, { props: { clientId: "abc" } })).toEqual(["Authorization URL is required", "Token URL is required"]);
    expect(buildValueSchema(authOf("gmail", "OAUTH2")).parse({})).toEqual({ type: "OAUTH2", props: {} });
  });
});

describe("connectionValueSchema", () => {
  it("accepts each stored value type and refuses unknown ones", () => {
    const values = [
      { type: "SECRET_TEXT", secret_text: "k" },
      { type: "BASIC", username: "u", password: "p" },
      { type: "CUSTOM_AUTH", props: { host: "h", port: 1, ssl: false } },
      { type: "OAUTH2", access_token: "a", token_type: "Bearer", expires_at: "2030-01-01T00:00:00.000Z", refresh_token: "r" },
    ];
    for (const value of values) expect(connectionValueSchema.parse(value)).toEqual(value);
    expect(connectionValueSchema.safeParse({ type: "PASSWORD", password: "p" }).success).toBe(false);
    expect(connectionValueSchema.safeParse({ type: "OAUTH2", access_token: "a", token_type: "Bearer", expires_at: "tomorrow" }).success).toBe(false);
  });
});
