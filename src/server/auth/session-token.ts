import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { resolveAuthSecret } from "@/server/secrets/auth-secret";

/**
 * next-auth's session cookie: `__Secure-` prefixed when the app is served over https (APP_URL, or
 * the proxy's X-Forwarded-Proto), plain otherwise. The prefixed one wins when both are present,
 * and each is decrypted with its own name as the key-derivation salt, as next-auth seals it, so
 * neither can stand in for the other.
 */
export const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

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
  const all = (await cookies()).getAll();
  for (const name of SESSION_COOKIE_NAMES) {
    const token = sessionCookieValue(all, name);
    if (!token) continue;
    try {
      return await decode({ token, secret: resolveAuthSecret(), salt: name });
    } catch {
      // Not sealed by this app with this name, tampered with, or expired: no session.
      return null;
    }
  }
  return null;
}
