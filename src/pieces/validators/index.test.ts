import { describe, expect, it } from "vitest";
import type { ConnectionValue } from "../connection-value";
import { getPiece } from "../index";
import type { PieceAuth } from "../types";
import { validateConnectionValue } from "./index";
import { leaksSecret, secretsOf } from "./redact";

const authOf = (name: string, type: PieceAuth["type"]) => getPiece(name)!.auths.find((a) => a.type === type)!;
const check = (pieceName: string, type: PieceAuth["type"], value: ConnectionValue) =>
  validateConnectionValue({ pieceName, auth: authOf(pieceName, type), value });

describe("validateConnectionValue without network", () => {
  it("checks a key's format and says honestly that nothing more was checked", async () => {
    expect(await check("openai", "SECRET_TEXT", { type: "SECRET_TEXT", secret_text: "sk-proj-" + "a1B2".repeat(10) })).toEqual({
      ok: true,
      note: "Checked the key's format only: this server cannot reach OpenAI to verify it.",
    });
  });

  it("explains a key of the wrong format without echoing it", async () => {
    const key = "pk_live_51HxYzAbCdEfGhIjKlMn";
    const result = await check("stripe", "SECRET_TEXT", { type: "SECRET_TEXT", secret_text: key });
    expect(result.ok).toBe(false);
    const message = result.ok ? "" : result.message;
    expect(message).toMatch(/^The Stripe Secret or restricted key does not have the expected format\. Stripe keys start with/);
    expect(message).not.toContain(key);
  });

  it("uses the key check for a piece's second auth", async () => {
    const result = await check("github", "SECRET_TEXT", { type: "SECRET_TEXT", secret_text: "not-a-token" });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('"github_pat_"') });
  });

  it("accepts keys without a known format, and other internet-only credentials, with a note", async () => {
    expect(await check("asana", "SECRET_TEXT", { type: "SECRET_TEXT", secret_text: "2/1234/5678:abcdef" })).toEqual({
      ok: true,
      note: "Saved without a check: this server cannot reach Asana to verify it.",
    });
    expect(await check("twilio", "BASIC", { type: "BASIC", username: "AC123", password: "token" })).toMatchObject({
      ok: true,
      note: expect.stringContaining("cannot reach Twilio"),
    });
  });

  it("accepts OAuth2 tokens, which the provider just issued", async () => {
    expect(await check("gmail", "OAUTH2", { type: "OAUTH2", access_token: "ya29.x", token_type: "Bearer" })).toEqual({ ok: true });
  });

  it("is honest that MySQL is not tested, and checks MongoDB strings' shape", async () => {
    const mysql = await check("mysql", "CUSTOM", { type: "CUSTOM_AUTH", props: { host: "db", port: 3306, database: "app", user: "root", password: "pw" } });
    expect(mysql).toMatchObject({ ok: true, note: expect.stringContaining("no MySQL client") });
    const mongo = await check("mongodb", "CUSTOM", { type: "CUSTOM_AUTH", props: { connectionString: "postgres://x" } });
    expect(mongo).toEqual({ ok: false, message: "The connection string must start with mongodb:// or mongodb+srv://." });
  });

  it("refuses unknown apps and values of the wrong type", async () => {
    expect(
      await validateConnectionValue({ pieceName: "nope", auth: authOf("openai", "SECRET_TEXT"), value: { type: "SECRET_TEXT", secret_text: "x" } }),
    ).toEqual({
      ok: false,
      message: "Unknown app.",
    });
    expect(await check("postgres", "CUSTOM", { type: "SECRET_TEXT", secret_text: "x" })).toEqual({
      ok: false,
      message: "The credentials do not match the chosen authentication method.",
    });
  });

  it("never lets an exception escape", async () => {
    const broken = { type: "CUSTOM_AUTH", props: null } as unknown as ConnectionValue;
    expect(await check("http-custom-headers", "CUSTOM", broken)).toEqual({
      ok: false,
      message: "Could not verify the connection to HTTP (custom headers).",
    });
  });
});

describe("secret redaction", () => {
  it("finds secrets in every value type, including undeclared props", () => {
    expect(secretsOf(authOf("openai", "SECRET_TEXT"), { type: "SECRET_TEXT", secret_text: "k1" })).toEqual(["k1"]);
    expect(secretsOf(authOf("twilio", "BASIC"), { type: "BASIC", username: "u", password: "p" })).toEqual(["p"]);
    expect(secretsOf(authOf("postgres", "CUSTOM"), { type: "CUSTOM_AUTH", props: { host: "h", password: "pw", extra: "x" } }).sort()).toEqual(["pw", "x"]);
    expect(
      secretsOf(authOf("oauth2-custom", "OAUTH2"), {
        type: "OAUTH2",
        access_token: "a",
        refresh_token: "r",
        token_type: "Bearer",
        props: { clientId: "id", clientSecret: "cs" },
      }),
    ).toEqual(["a", "r", "cs"]);
  });

  it("flags messages quoting a secret", () => {
    expect(leaksSecret("bad key sk-123456", ["sk-123456"])).toBe(true);
    expect(leaksSecret("bad key", ["sk-123456"])).toBe(false);
    expect(leaksSecret("port 5432 closed", ["543"])).toBe(false);
  });
});
