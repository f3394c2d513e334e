import { getEnv } from "@/env";

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Whether a browser's `Origin` header names this app: APP_URL's origin, or the origin the
 * request itself was addressed to (its Host, on either scheme: a TLS proxy may hide which).
 * "null" (sandboxed frames, some redirects) and anything unparsable are foreign.
 * The one comparison every Origin check uses, so the public-origin rules live in one place.
 */
export function isSameOrigin(origin: string | null | undefined, host: string | null | undefined): boolean {
  if (!origin || origin === "null") return false;
  const claimed = originOf(origin);
  if (!claimed) return false;
  const appUrl = getEnv().APP_URL;
  if (appUrl && originOf(appUrl) === claimed) return true;
  if (!host) return false;
  return claimed === originOf(`http://${host}`) || claimed === originOf(`https://${host}`);
}

/** Whether the app's public origin is https (then the session cookie is Secure and HSTS is sent). */
export function isHttpsOrigin(requestUrl?: string | null): boolean {
  const appUrl = getEnv().APP_URL;
  if (appUrl) return appUrl.startsWith("https:");
  return Boolean(requestUrl?.startsWith("https:"));
}
