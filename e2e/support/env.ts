import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT || 3217);
export const E2E_DATA_DIR = path.resolve(process.env.E2E_DATA_DIR || ".data-e2e");

/**
 * The app as README's default start runs it (no APP_URL, bound to 0.0.0.0), browsed at both names
 * a newcomer types; the OAuth journeys run at each.
 */
export const DEFAULT_ORIGINS = { localhost: `http://localhost:${E2E_PORT}`, loopback: `http://127.0.0.1:${E2E_PORT}` };

/** A second instance with APP_URL set to another host than the one its tests browse to. */
export const APP_URL_PORT = Number(process.env.E2E_APP_URL_PORT || 3223);
export const APP_URL_INSTANCE = {
  appUrl: `http://127.0.0.1:${APP_URL_PORT}`,
  browsed: `http://localhost:${APP_URL_PORT}`,
  dataDir: `${E2E_DATA_DIR}-app-url`,
};

/** Every origin the apps under test can be reached on: the providers must accept each redirect URL. */
export const APP_ORIGINS = [DEFAULT_ORIGINS.localhost, DEFAULT_ORIGINS.loopback, APP_URL_INSTANCE.appUrl];

/** The local OpenID Connect provider (tests/support/oidc-server.ts) the app uses for single sign-on. */
export const OIDC_TEST = {
  port: Number(process.env.OIDC_TEST_PORT || 3219),
  name: "Test SSO",
  clientId: "cm-sso",
  clientSecret: "cm-sso-test-secret",
  account: {
    username: "sso-user",
    password: "sso-password",
    email: "sso.user@example.test",
    email_verified: true,
    name: "Sia Single-Sign-On",
  },
};
export const OIDC_TEST_ISSUER = `http://127.0.0.1:${OIDC_TEST.port}`;

/**
 * The local OAuth 2.0 provider (the same harness) that OAuth2 connections authorize against: the
 * catalogue's Salesforce app is pointed at it through OAUTH_ENDPOINTS, like a sandbox org.
 */
export const OAUTH_TEST = {
  port: Number(process.env.OAUTH_TEST_PORT || 3220),
  piece: "salesforce",
  appName: "Salesforce",
  scopes: ["api", "refresh_token"],
  defaultClient: { id: "cm-e2e-default", secret: "cm-e2e-default-secret" },
  adminClient: { id: "cm-e2e-admin", secret: "cm-e2e-admin-secret-0123456789" },
  /**
   * For the OAuth2 (custom app) piece. Its access tokens live 20 s: a refresh falls due about 10 s
   * after each one is issued (half the lifetime), so the engine API's next use refreshes it.
   */
  customClient: { id: "cm-e2e-custom", secret: "cm-e2e-custom-secret-9876543210", accessTokenSeconds: 20 },
  account: { username: "oauth-user", password: "oauth-password", email: "oauth.user@example.test" },
};
export const OAUTH_TEST_ISSUER = `http://127.0.0.1:${OAUTH_TEST.port}`;

/**
 * The demo workflow editor (scripts/embed-demo-host.ts) that frames the picker: on an allowed
 * origin, and a second copy on an origin the app does not allow.
 */
export const EMBED_HOST_PORT = Number(process.env.EMBED_HOST_PORT || 3221);
export const EMBED_HOST_ORIGIN = `http://127.0.0.1:${EMBED_HOST_PORT}`;
export const EMBED_OTHER_HOST_PORT = EMBED_HOST_PORT + 1;

/**
 * The app under test: production build, its own fresh data directory, embedded database. Started
 * like README's default: no APP_URL, no HOSTNAME (a shell's exported HOSTNAME is blanked out).
 */
export function e2eEnv(): Record<string, string> {
  return {
    PORT: String(E2E_PORT),
    HOSTNAME: "",
    DATA_DIR: E2E_DATA_DIR,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    APP_URL: "",
    TRUST_PROXY: "",
    DATABASE_URL: "",
    OIDC_ISSUER: OIDC_TEST_ISSUER,
    OIDC_CLIENT_ID: OIDC_TEST.clientId,
    OIDC_CLIENT_SECRET: OIDC_TEST.clientSecret,
    OIDC_NAME: OIDC_TEST.name,
    OAUTH_ENDPOINTS: JSON.stringify({ [OAUTH_TEST.piece]: { authUrl: `${OAUTH_TEST_ISSUER}/auth`, tokenUrl: `${OAUTH_TEST_ISSUER}/token` } }),
    EMBED_ALLOWED_ORIGINS: EMBED_HOST_ORIGIN,
    OAUTH_DEFAULT_APPS: JSON.stringify({ [OAUTH_TEST.piece]: { clientId: OAUTH_TEST.defaultClient.id, clientSecret: OAUTH_TEST.defaultClient.secret } }),
  };
}

/** The second instance: APP_URL names 127.0.0.1 while its tests browse to localhost. */
export function appUrlEnv(): Record<string, string> {
  return { ...e2eEnv(), PORT: String(APP_URL_PORT), DATA_DIR: APP_URL_INSTANCE.dataDir, APP_URL: APP_URL_INSTANCE.appUrl };
}
