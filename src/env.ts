import path from "node:path";
import { z } from "zod";

// The one place that reads process.env. Parsed lazily so that tools importing
// a module for its types do not need a configured environment.
const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyToUndefined, z.string().url().optional());

function parseJson(v: unknown): unknown {
  const blank = emptyToUndefined(v);
  if (typeof blank !== "string") return blank;
  try {
    return JSON.parse(blank);
  } catch {
    return blank;
  }
}

const OAuthDefaultApps = z.preprocess(
  parseJson,
  z
    .record(z.string().min(1), z.object({ clientId: z.string().trim().min(1), clientSecret: z.string().min(1) }).strict(), {
      error: 'expected JSON like {"gmail":{"clientId":"…","clientSecret":"…"}}',
    })
    .default({}),
);

function isSafeEndpoint(value: string): boolean {
  const url = new URL(value);
  return url.protocol === "https:" || (url.protocol === "http:" && /^(localhost|127\.[\d.]+|\[::1\])$/.test(url.hostname));
}
const endpointUrl = z.string().url().refine(isSafeEndpoint, "must be https:// (plain http only for localhost)");

const OAuthEndpoints = z.preprocess(
  parseJson,
  z
    .record(z.string().min(1), z.object({ authUrl: endpointUrl.optional(), tokenUrl: endpointUrl.optional() }).strict(), {
      error: 'expected JSON like {"salesforce":{"authUrl":"https://test.salesforce.com/services/oauth2/authorize","tokenUrl":"…"}}',
    })
    .default({}),
);

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOSTNAME: z.preprocess(emptyToUndefined, z.string().default("0.0.0.0")),
  /** Public base URL of this installation, used for OAuth redirect URLs and links. */
  APP_URL: optionalUrl,
  /**
   * Behind a reverse proxy: "1" trusts X-Forwarded-Host / X-Forwarded-Proto for the public origin
   * when APP_URL is not set, and the last hop of X-Forwarded-For as the client address (sign-in and
   * API key throttling). Off by default, since any client can send those headers.
   */
  TRUST_PROXY: z.preprocess(emptyToUndefined, z.enum(["0", "1", "true", "false"]).default("0")).transform((v) => v === "1" || v === "true"),
  /** PostgreSQL connection string. Unset: the embedded PGlite database in DATA_DIR. */
  DATABASE_URL: optionalString,
  /** PostgreSQL: how long a new connection may take before the query waiting for it fails (503 "unavailable"). */
  DATABASE_CONNECT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(10),
  /** Where the embedded database and generated secrets live. */
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(".data")),
  /** Session secret for next-auth. Unset with the embedded database: generated into DATA_DIR. */
  AUTH_SECRET: optionalString,
  /** next-auth's own setting (and its older name): the URL it builds its requests on, which decides the session cookie's name. */
  AUTH_URL: optionalString,
  NEXTAUTH_URL: optionalString,
  /** Key ring for credentials at rest: "kid:base64key,kid2:base64key2"; the first key encrypts. */
  ENCRYPTION_KEYS: optionalString,
  OIDC_ISSUER: optionalUrl,
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_NAME: z.preprocess(emptyToUndefined, z.string().default("Single sign-on")),
  /** Origins allowed to frame the embedded picker and exchange messages with it (comma-separated). */
  EMBED_ALLOWED_ORIGINS: z.preprocess(emptyToUndefined, z.string().default("")),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** "json": one JSON object per line (default); "pretty": coloured lines for a terminal. */
  LOG_FORMAT: z.enum(["json", "pretty"]).default("json"),
  /** Bearer token that opens /metrics on the main port (and on METRICS_PORT when both are set). */
  METRICS_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, "must be at least 16 characters").optional()),
  /** Serve /metrics on this port alone (no token needed unless METRICS_TOKEN is set). */
  METRICS_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).optional()),
  /** Passphrase for `npm run admin -- export|import` when no terminal can prompt for one. */
  EXPORT_PASSPHRASE: optionalString,
  /** Engine API: how long an instance trusts a checked API key; also the bound on revocation delay. 0 = never cache. */
  ENGINE_TOKEN_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  /** SIGTERM: longest wait for in-flight requests to finish before their connections are cut (seconds). */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(600).default(10),
  /** Port of the engine API when run on its own (npm run serve:engine). */
  ENGINE_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** Health checks: how often every Active connection is rechecked (minutes; jittered ±10%). */
  HEALTH_CHECK_INTERVAL_MINUTES: z.coerce.number().min(0.05).max(10_080).default(360),
  /** How often each instance looks for due health checks (seconds). */
  HEALTH_CHECK_TICK_SECONDS: z.coerce.number().min(1).max(3_600).default(30),
  /** Health checks running at once on this instance, and per app. */
  HEALTH_CHECK_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  HEALTH_CHECK_PER_APP_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** Background jobs of this instance (health checks, notification delivery): "off" to disable. */
  BACKGROUND_JOBS: z.enum(["on", "off"]).default("on"),
  /** Audit events older than this many days are pruned, whole days at a time. Unset: kept forever. */
  AUDIT_RETENTION_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(36_500).optional()),
  /** Outgoing e-mail for notifications, e.g. smtp://user:pass@smtp.example.com:587. */
  SMTP_URL: optionalString,
  SMTP_FROM: z.preprocess(emptyToUndefined, z.string().default("Connections <connections@localhost>")),
  /**
   * Pre-configured OAuth2 clients per app, used when no platform admin has set one:
   * JSON {"<pieceName>": {"clientId": "…", "clientSecret": "…"}}.
   */
  OAUTH_DEFAULT_APPS: OAuthDefaultApps,
  /**
   * Other OAuth2 endpoints for catalogue apps (a sandbox, a tenant, a self-hosted provider):
   * JSON {"<pieceName>": {"authUrl": "…", "tokenUrl": "…"}}.
   */
  OAUTH_ENDPOINTS: OAuthEndpoints,
  /** OAuth2 tokens expiring within this many seconds are refreshed before use, and ahead of time. */
  OAUTH_REFRESH_MARGIN_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  /** The background OAuth2 refresh scheduler of this instance: "off" to disable (BACKGROUND_JOBS=off also does). */
  OAUTH_REFRESH_SCHEDULER: z.enum(["on", "off"]).default("on"),
  /** How often the refresh scheduler of each instance looks for due OAuth2 connections (seconds). */
  OAUTH_REFRESH_TICK_SECONDS: z.coerce.number().min(1).max(3_600).default(15),
  /** Connections the scheduler claims per batch, and provider calls it makes at once. */
  OAUTH_REFRESH_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(100),
  OAUTH_REFRESH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** Re-encryption after a key change: values claimed per batch, and this instance's ceiling in values per second. */
  REENCRYPT_BATCH_SIZE: z.coerce.number().int().min(1).max(5_000).default(200),
  REENCRYPT_MAX_PER_SECOND: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
  /** Re-encryption: values of a batch re-sealed at once (each in its own one-row statement). */
  REENCRYPT_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  /**
   * "1": start even though some values are sealed with keys missing from the ring (those rows
   * answer 409 connection_undecryptable and are never changed by background work).
   */
  ALLOW_MISSING_KEYS: z.preprocess(emptyToUndefined, z.enum(["0", "1", "true", "false"]).default("0")).transform((v) => v === "1" || v === "true"),
  /** Validators and health checks also refuse loopback and private addresses ("1"; multi-tenant installs). */
  VALIDATOR_BLOCK_PRIVATE_NETWORKS: z.preprocess(emptyToUndefined, z.enum(["0", "1"]).default("0")).transform((v) => v === "1"),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new Error(`Invalid environment: ${first?.path.join(".")}: ${first?.message}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvCache() {
  cached = undefined;
}

export function dataDir(): string {
  return path.resolve(getEnv().DATA_DIR);
}

export function usesEmbeddedDatabase(): boolean {
  return !getEnv().DATABASE_URL;
}
