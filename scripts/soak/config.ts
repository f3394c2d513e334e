import { randomBytes } from "node:crypto";

/** Every port the soak listens on: one block, loopback only (SOAK_PORT_BASE, default 3700). */
const BASE = Number(process.env.SOAK_PORT_BASE || 3700);
export const PORTS = {
  balancer: BASE,
  postgres: BASE + 1,
  provider: BASE + 2,
  apps: [BASE + 11, BASE + 12, BASE + 13],
  engine: BASE + 14,
  /** Each instance's inspector (its own port + 20): the soak asks it for a collection before reading the RSS. */
  inspectOffset: 20,
};
export const LB = `http://127.0.0.1:${PORTS.balancer}`;

export const SOAK_SECONDS = Math.max(30, Math.min(3_600, Number(process.env.SOAK_SECONDS || 180)));

/** OAuth2: access tokens live this long at the provider; the app refreshes them this far ahead (its minimum margin). */
export const ACCESS_TOKEN_SECONDS = 20;
export const REFRESH_MARGIN_SECONDS = 10;
export const OAUTH_CONNECTIONS = Number(process.env.SOAK_OAUTH_CONNECTIONS || 12);
export const SECRET_CONNECTIONS = 40;
export const REPLACE_FLOWS = Number(process.env.SOAK_REPLACE_FLOWS || 300);
/** Health checks: every Active connection every 15 s, looked for every 2 s by each instance. */
export const HEALTH_INTERVAL_MINUTES = 0.25;
export const TOKEN_CACHE_SECONDS = 5;
export const OUTAGE_SECONDS = 5;

export const OWNER = { name: "Soak Owner", email: "soak.owner@example.test", password: "soak-password-123", projectName: "Soak" };
export const PROVIDER_CLIENT = { id: "cm-soak", secret: "cm-soak-client-secret-0123" };
export const PROVIDER_ACCOUNT = { username: "soak-user", password: "soak-user-password", email: "soak.user@example.test" };
export const OAUTH_PIECE = "salesforce";

/** The settings every instance shares (they must match), plus the per-instance ones added at spawn. */
export function sharedEnv(databaseUrl: string): Record<string, string> {
  const issuer = `http://127.0.0.1:${PORTS.provider}`;
  return {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    APP_URL: LB,
    TRUST_PROXY: "1",
    AUTH_SECRET: SECRETS.auth,
    ENCRYPTION_KEYS: SECRETS.encryption,
    LOG_LEVEL: "warn",
    OAUTH_ENDPOINTS: JSON.stringify({ [OAUTH_PIECE]: { authUrl: `${issuer}/auth`, tokenUrl: `${issuer}/token` } }),
    OAUTH_DEFAULT_APPS: JSON.stringify({ [OAUTH_PIECE]: { clientId: PROVIDER_CLIENT.id, clientSecret: PROVIDER_CLIENT.secret } }),
    OAUTH_REFRESH_MARGIN_SECONDS: String(REFRESH_MARGIN_SECONDS),
    OAUTH_REFRESH_TICK_SECONDS: "2",
    HEALTH_CHECK_INTERVAL_MINUTES: String(HEALTH_INTERVAL_MINUTES),
    HEALTH_CHECK_TICK_SECONDS: "2",
    ENGINE_TOKEN_CACHE_SECONDS: String(TOKEN_CACHE_SECONDS),
    EMBED_ALLOWED_ORIGINS: "http://127.0.0.1:3799",
    SHUTDOWN_TIMEOUT_SECONDS: "10",
    METRICS_TOKEN: SECRETS.metrics,
    DATA_DIR: "",
  };
}

export const SECRETS = {
  auth: randomBytes(32).toString("base64url"),
  /** Opens /metrics on each instance: the checks read the JS heap beside the RSS. */
  metrics: randomBytes(24).toString("base64url"),
  encryption: `soak:${randomBytes(32).toString("base64")}`,
};
