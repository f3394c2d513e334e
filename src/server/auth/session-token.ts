import { cookies, headers } from "next/headers";
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

/**
 * The signed-in person's session token from the request's cookies, decrypted and within its
 * expiry (next-auth's own `decode`, 15 s of clock tolerance), or null. This is what next-auth's
 * `auth()` reads too, without its session endpoint's work: a server-side `auth()` re-encrypts a
 * fresh cookie on every call and then throws it away (it cannot set cookies from there), which
 * was about half of a tRPC call's session cost. The account behind the token is checked by the
 * caller (`sessionUser`), exactly as the jwt callback checks it.
 */
export async function readSessionToken(): Promise<SessionToken | null> {
  const name = sessionCookieName((await headers()).get("x-forwarded-proto"));
  const token = sessionCookieValue((await cookies()).getAll(), name);
  if (!token) return null;
  const secret = resolveAuthSecret();
  try {
    return await decode({ token, secret, salt: name });
  } catch {
    // Not sealed by this app under this name, tampered with, or expired: no session.
    return null;
  }
}
