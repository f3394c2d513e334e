import { decode } from "next-auth/jwt";
import { getEnv, type Env } from "@/env";
import { isHttpsOrigin } from "@/server/http/same-origin";
import { resolveAuthSecret } from "@/server/secrets/auth-secret";

/**
 * next-auth's session cookie: `__Secure-` prefixed when the app is served over https, plain
 * otherwise. Each is sealed with its own name as the key-derivation salt, so neither can stand in
 * for the other.
 */
export const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/**
 * The one name next-auth gives the session cookie for this request, decided as next-auth decides
 * it: secure cookies when APP_URL is https (the config's `useSecureCookies`), else when the URL
 * it builds for the request is https (AUTH_URL when set, else the X-Forwarded-Proto that Next
 * sets, https when absent). Over https a plain cookie is never read: a page served over http
 * (or a sibling host) could have planted one.
 */
export function sessionCookieName(forwardedProto: string | null, env: Pick<Env, "AUTH_URL" | "NEXTAUTH_URL"> = getEnv()): string {
  if (isHttpsOrigin()) return SESSION_COOKIE_NAMES[0];
  const envUrl = env.AUTH_URL ?? env.NEXTAUTH_URL;
  let protocol: string;
  try {
    protocol = envUrl ? new URL(envUrl).protocol : `${(forwardedProto ?? "https").replace(/:$/, "")}:`;
  } catch {
    protocol = "https:";
  }
  return protocol === "https:" ? SESSION_COOKIE_NAMES[0] : SESSION_COOKIE_NAMES[1];
}

/** What the session token carries that the session check reads (set by the jwt callback at sign-in). */
export interface SessionToken {
  uid?: unknown;
  sv?: unknown;
}

/** The cookie's value, whole or joined from next-auth's chunks (`name.0`, `name.1`, …) when it outgrew one cookie. */
export function sessionCookieValue(all: readonly { name: string; value: string }[], name: string): string | null {
  const whole = all.find((c) => c.name === name);
  if (whole) return whole.value || null;
  const chunks = all
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d{1,3}$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") || null : null;
}

/** A request's `Cookie` header as name/value pairs, as Next's `cookies()` reads it (a value that is not valid percent-encoding is kept as sent). */
export function parseCookieHeader(header: string | null | undefined): { name: string; value: string }[] {
  if (!header) return [];
  const out: { name: string; value: string }[] = [];
  for (const part of header.split(/; */)) {
    if (!part) continue;
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1);
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      // kept as sent
    }
    if (name) out.push({ name, value });
  }
  return out;
}

/** What the session read needs of a request: its headers (a Web `Headers`). */
export interface SessionRequest {
  headers: { get(name: string): string | null };
}

/**
 * The signed-in person's session token from the request's cookies, decrypted and within its
 * expiry (next-auth's own `decode`, 15 s of clock tolerance), or null. This is what next-auth's
 * `auth()` reads too, without its session endpoint's work: a server-side `auth()` re-encrypts a
 * fresh cookie on every call and then throws it away (it cannot set cookies from there), which
 * was about half of a tRPC call's session cost. The account behind the token is checked by the
 * caller (`sessionUser`), exactly as the jwt callback checks it.
 *
 * `req`: the request itself, when the caller has it (the tRPC door, which may run outside Next's
 * request scope: src/server/http/trpc-door.ts); otherwise Next's `cookies()` and `headers()`.
 * Both carry the same `X-Forwarded-Proto` (the door sets it as Next does).
 */
export async function readSessionToken(req?: SessionRequest): Promise<SessionToken | null> {
  let proto: string | null;
  let all: { name: string; value: string }[];
  if (req) {
    proto = req.headers.get("x-forwarded-proto");
    all = parseCookieHeader(req.headers.get("cookie"));
  } else {
    // Loaded when first needed: next/headers cannot even be imported outside Next's server, where the door runs.
    const { cookies, headers } = await import("next/headers");
    proto = (await headers()).get("x-forwarded-proto");
    all = (await cookies()).getAll();
  }
  const name = sessionCookieName(proto);
  const token = sessionCookieValue(all, name);
  if (!token) return null;
  const secret = resolveAuthSecret();
  const known = opened.get(name, token, secret);
  if (known) return known;
  try {
    const decoded = await decode<SessionToken & { exp?: unknown }>({ token, secret, salt: name });
    if (decoded) opened.set(name, token, secret, decoded);
    return decoded;
  } catch {
    // Not sealed by this app under this name, tampered with, or expired: no session.
    return null;
  }
}

// next-auth's decode tolerates this much clock skew past `exp`; a remembered token is held to the same.
const CLOCK_TOLERANCE_MS = 15_000;

/**
 * Tokens this process has already opened, so that a page's many calls decrypt the same cookie
 * once (a JWE decrypt with its key derivation was about a third of a millisecond of CPU per
 * call). Keyed by the exact cookie text, its name and the secret; a token is only ever remembered
 * after `decode` accepted it, and is answered from here only while within its `exp` (with
 * decode's own tolerance). The account behind it is still read on every call (sessionUser), so a
 * sign-out everywhere, a password change or a disable still ends it at once. Bounded: the oldest
 * entry goes first.
 */
export const opened = {
  max: 1_000,
  entries: new Map<string, { token: SessionToken; expiresAt: number }>(),
  key: (name: string, token: string, secret: string) => `${secret}\u0000${name}\u0000${token}`,
  get(name: string, token: string, secret: string): SessionToken | null {
    const key = this.key(name, token, secret);
    const hit = this.entries.get(key);
    if (!hit) return null;
    if (hit.expiresAt + CLOCK_TOLERANCE_MS <= Date.now()) {
      this.entries.delete(key);
      return null;
    }
    return hit.token;
  },
  set(name: string, token: string, secret: string, decoded: SessionToken & { exp?: unknown }): void {
    // Without an expiry there is nothing to hold it to: such a token is decoded every time.
    if (typeof decoded.exp !== "number") return;
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(this.key(name, token, secret), { token: decoded, expiresAt: decoded.exp * 1000 });
  },
};
