import { serializeError } from "./serialize-error";

export const REDACTED = "[redacted]";

// Field names (compared lower-case, without "_" and "-") whose values never reach a log line.
const SECRET_NAMES = new Set([
  "value",
  "password",
  "passphrase",
  "passwordhash",
  "hash",
  "token",
  "accesstoken",
  "refreshtoken",
  "idtoken",
  "secret",
  "clientsecret",
  "secrettext",
  "apikey",
  "authorization",
  "cookie",
  "setcookie",
  "credentials",
  "privatekey",
  "codeverifier",
]);
const SECRET_SUFFIX = /(password|secret|token|passphrase|cookie|credentials)$/;

function isSecretName(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_]/g, "");
  return SECRET_NAMES.has(k) || SECRET_SUFFIX.test(k);
}

/** pino's own path-based redaction: the headers and fields known to carry secrets. */
export const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "headers.authorization",
  "headers.cookie",
  'headers["set-cookie"]',
  ...["value", "password", "token", "secret", "clientSecret", "refreshToken", "accessToken", "passphrase"].flatMap((f) => [f, `*.${f}`]),
];

const MAX_DEPTH = 6;

/**
 * A deep copy with every secret-named field replaced, at any depth (pino's paths only reach the
 * shapes listed above), and Error values turned into their parameter-free form.
 */
export function redactFields(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return serializeError(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[nested]";
  if (Array.isArray(value)) return value.map((v) => redactFields(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isSecretName(k) ? REDACTED : redactFields(v, depth + 1);
  }
  return out;
}
