import { getEnv } from "@/env";

/**
 * The one place that decides the app's public origin, for every absolute URL the app builds
 * (OAuth redirect URL, callback pages and their postMessage target, links in e-mails and
 * webhooks, the embed picker, the start-up banner):
 *
 * 1. APP_URL when set;
 * 2. else the request's Host (X-Forwarded-Host / -Proto only with TRUST_PROXY=1);
 * 3. with no request (background jobs): the origin last seen on a request, else localhost:PORT.
 *
 * Never the address the server is bound to: Next builds `req.url` from the bind hostname
 * (0.0.0.0 by default), which no browser or provider can use.
 */

type HeaderBag = { get(name: string): string | null } | Record<string, string | string[] | undefined>;
/** Anything carrying request headers: a fetch Request, a Node IncomingMessage, Hono's raw request. */
export interface RequestLike {
  headers: HeaderBag;
}

const WILDCARD_HOSTS = new Set(["0.0.0.0", "[::]", "[::0]", "[0:0:0:0:0:0:0:0]"]);
// Shared by server.ts (loaded by tsx) and the copy of this module bundled into Next's server.
const LAST_SEEN = Symbol.for("connections-manager.last-request-origin");
type Store = { [LAST_SEEN]?: string };

/** One header from a fetch Headers or a Node header object (the first of a comma-separated chain). */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
  const raw =
    typeof headers.get === "function"
      ? (headers as { get(name: string): string | null }).get(name)
      : (headers as Record<string, string | string[] | undefined>)[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  // Proxies chain values ("client, proxy1"): the first is what the client asked for.
  const first = value?.split(",")[0]?.trim();
  return first || undefined;
}

/** A bare IPv6 address (as some proxies forward it) needs brackets before a port can follow. */
function bracketIpv6(host: string): string {
  if (host.startsWith("[")) return host;
  return host.split(":").length > 2 ? `[${host}]` : host;
}

/** `scheme://host[:port]` from a Host-style value, or null when it is not a usable host. */
function originOf(scheme: string, host: string): string | null {
  try {
    const url = new URL(`${scheme}://${bracketIpv6(host)}`);
    if (url.username || url.password || url.pathname !== "/" || url.search || url.hash) return null;
    if (WILDCARD_HOSTS.has(url.hostname)) url.hostname = "localhost";
    return url.origin;
  } catch {
    return null;
  }
}

/** The origin a request was addressed to (ignoring APP_URL), or null when it names no usable host. */
export function requestOrigin(req: RequestLike): string | null {
  const { TRUST_PROXY } = getEnv();
  const forwardedHost = TRUST_PROXY ? headerValue(req.headers, "x-forwarded-host") : undefined;
  const forwardedProto = TRUST_PROXY ? headerValue(req.headers, "x-forwarded-proto")?.toLowerCase() : undefined;
  const scheme = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : "http";
  const host = forwardedHost ?? headerValue(req.headers, "host");
  return host ? originOf(scheme, host) : null;
}

/** APP_URL's origin, or null when it is not set. */
export function configuredOrigin(): string | null {
  const { APP_URL } = getEnv();
  return APP_URL ? new URL(APP_URL).origin : null;
}

/** Remembers the origin of a request so that later work without one (e-mails, webhooks) can link back. */
export function rememberRequestOrigin(req: RequestLike): void {
  if (configuredOrigin()) return;
  const origin = requestOrigin(req);
  if (origin) (globalThis as Store)[LAST_SEEN] = origin;
}

/** For tests. */
export function forgetRequestOrigin(): void {
  delete (globalThis as Store)[LAST_SEEN];
}

function fallbackOrigin(): string {
  return (globalThis as Store)[LAST_SEEN] ?? `http://localhost:${getEnv().PORT}`;
}

/**
 * The app's public origin (`scheme://host[:port]`, no trailing slash). Pass the request when there
 * is one, or an origin already read from it with requestOrigin().
 */
export function publicOrigin(from?: RequestLike | string | null): string {
  const configured = configuredOrigin();
  if (configured) return configured;
  if (typeof from === "string") return from;
  if (from) {
    const origin = requestOrigin(from);
    if (origin) {
      (globalThis as Store)[LAST_SEEN] = origin;
      return origin;
    }
  }
  return fallbackOrigin();
}

/** What the start-up banner prints: APP_URL when set, else where this machine's browser reaches the app. */
export function listeningUrl(hostname: string, port: number): string {
  const configured = getEnv().APP_URL;
  if (configured) return configured.replace(/\/+$/, "");
  return originOf("http", `${bracketIpv6(hostname)}:${port}`) ?? `http://localhost:${port}`;
}
