import { getSystemErrorName } from "node:util";
import type { ConnectionValue, PropValue } from "../connection-value";
import type { Piece, PieceAuth } from "../types";

/**
 * `transient`: the check could not reach the app (network, timeout, 5xx), which says nothing about
 * the credentials; health checks must not flip a connection to Error on it.
 */
export type ValidationResult = { ok: true; note?: string } | { ok: false; message: string; transient?: boolean };

export interface ValidatorContext {
  piece: Piece;
  auth: PieceAuth;
  value: ConnectionValue;
  /** Aborted when the overall timeout fires: release sockets and stop. */
  signal: AbortSignal;
  timeoutMs: number;
  /**
   * What a timeout says, set by the validator before it connects: the same words as a refused
   * connection, so a silent open port reads like a closed one.
   */
  setUnreachableMessage?: (message: string) => void;
}

export type Validator = (context: ValidatorContext) => Promise<ValidationResult>;

export const fail = (message: string, transient = false): ValidationResult => (transient ? { ok: false, message, transient: true } : { ok: false, message });

const TRANSIENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNRESET",
  "EPIPE",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
  "CONNECT_TIMEOUT",
  "53300",
  "57P03",
]);

/** Could not reach the app, as opposed to the app refusing the credentials. */
export function isTransientError(error: unknown): boolean {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  if (name === "TimeoutError" || name === "AbortError") return true;
  if (typeof code === "string" && TRANSIENT_CODES.has(code)) return true;
  const net = networkCode(error);
  return net !== undefined && TRANSIENT_CODES.has(net);
}

export class WrongValueTypeError extends Error {}

/** Props of a CUSTOM_AUTH value, with typed accessors. */
export function customProps(value: ConnectionValue) {
  if (value.type !== "CUSTOM_AUTH") throw new WrongValueTypeError();
  const props: Record<string, PropValue> = value.props;
  return {
    text: (key: string): string | undefined => (typeof props[key] === "string" ? (props[key] as string) : undefined),
    number: (key: string): number | undefined => (typeof props[key] === "number" ? (props[key] as number) : undefined),
    flag: (key: string): boolean => props[key] === true,
  };
}

// Codes libraries put on their own wrapper errors; the socket's code is deeper or in errno.
const WRAPPER_CODES = new Set(["ESOCKET", "ECONNECTION", "EDNS", "ETLS", "EAUTH", "EPROTOCOL", "ENOAUTH"]);

/** Node network error code, looking through fetch's and nodemailer's wrappers. */
export function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const { code, errno, cause } = current as { code?: unknown; errno?: unknown; cause?: unknown };
    if (typeof code === "string" && !WRAPPER_CODES.has(code)) return code;
    if (typeof errno === "number" && errno < 0) {
      try {
        return getSystemErrorName(errno);
      } catch {
        // not a system errno
      }
    }
    current = cause;
  }
  return undefined;
}

/**
 * Refused, timed out, unreachable and reset all read "could not connect": a user may point a
 * validator anywhere, so its answers must not work as a port scanner.
 */
export function describeNetworkCode(code: string | undefined): string | undefined {
  switch (code) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host not found";
    case "ECONNREFUSED":
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "ECONNRESET":
    case "EPIPE":
      return "could not connect";
    default:
      return code && /CERT|SSL|TLS/.test(code) ? "its TLS certificate is not trusted or the TLS handshake failed" : undefined;
  }
}
