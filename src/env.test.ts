import { afterEach, describe, expect, it } from "vitest";
import { getEnv, resetEnvCache } from "./env";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

function envWith(vars: Record<string, string>) {
  process.env = { ...saved, ...vars };
  resetEnvCache();
  return getEnv;
}

describe("OAuth settings in the environment", () => {
  it("parses default apps and endpoint overrides as JSON, empty when unset", () => {
    expect(envWith({ OAUTH_DEFAULT_APPS: "", OAUTH_ENDPOINTS: "" })()).toMatchObject({ OAUTH_DEFAULT_APPS: {}, OAUTH_ENDPOINTS: {} });
    const env = envWith({
      OAUTH_DEFAULT_APPS: '{"gmail":{"clientId":"id.apps","clientSecret":"s"}}',
      OAUTH_ENDPOINTS: '{"salesforce":{"authUrl":"https://test.salesforce.com/services/oauth2/authorize"}}',
    })();
    expect(env.OAUTH_DEFAULT_APPS).toEqual({ gmail: { clientId: "id.apps", clientSecret: "s" } });
    expect(env.OAUTH_ENDPOINTS.salesforce?.authUrl).toBe("https://test.salesforce.com/services/oauth2/authorize");
  });

  it("refuses malformed JSON, missing secrets and plain-http endpoints off this machine, naming the variable", () => {
    expect(envWith({ OAUTH_DEFAULT_APPS: "{gmail}" })).toThrow(/^Invalid environment: OAUTH_DEFAULT_APPS: expected JSON like/);
    expect(envWith({ OAUTH_DEFAULT_APPS: '{"gmail":{"clientId":"x"}}' })).toThrow(/OAUTH_DEFAULT_APPS\.gmail\.clientSecret/);
    expect(envWith({ OAUTH_ENDPOINTS: '{"box":{"tokenUrl":"http://idp.example.com/token"}}' })).toThrow(/must be https/);
    expect(envWith({ OAUTH_ENDPOINTS: '{"box":{"tokenUrl":"http://127.0.0.1:3220/token"}}' })().OAUTH_ENDPOINTS.box?.tokenUrl).toBe(
      "http://127.0.0.1:3220/token",
    );
  });
});

describe("AUDIT_RETENTION_DAYS", () => {
  it("unset or empty keeps audit events forever; a whole number of days otherwise", () => {
    expect(envWith({ AUDIT_RETENTION_DAYS: "" })().AUDIT_RETENTION_DAYS).toBeUndefined();
    expect(envWith({ AUDIT_RETENTION_DAYS: "400" })().AUDIT_RETENTION_DAYS).toBe(400);
    expect(envWith({ AUDIT_RETENTION_DAYS: "0" })).toThrow(/AUDIT_RETENTION_DAYS/);
    expect(envWith({ AUDIT_RETENTION_DAYS: "1.5" })).toThrow(/AUDIT_RETENTION_DAYS/);
  });
});
