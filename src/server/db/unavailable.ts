import { UnavailableError } from "@/server/errors";

/** Node's and the postgres driver's codes for a connection that could not be made or was lost. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

/**
 * Whether an error means the database cannot be reached right now (stopped, restarting, network):
 * SQLSTATE class 08 (connection exception), 57P01–57P03 (shut down, crashed, not accepting yet), or
 * a lost socket, anywhere in the cause chain (Drizzle wraps the driver's error).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 6; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || code.startsWith("08") || /^57P0[123]$/.test(code))) return true;
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner.some((x) => isDatabaseUnavailable(x))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** What a request answers while the database is away: 503, and a message that says so. */
export function databaseUnavailable(): UnavailableError {
  return new UnavailableError("The database is unreachable right now. Try again in a few seconds.");
}
