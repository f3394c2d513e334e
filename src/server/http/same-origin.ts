import { getEnv } from "@/env";
import { headerValue, requestOrigin, type RequestLike } from "./public-origin";

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

/**
 * isSameOrigin for a whole request: also accepts the origin publicOrigin() derives from it, so
 * behind a proxy (TRUST_PROXY=1) the forwarded host and scheme count as this app.
 */
export function isSameOriginRequest(origin: string | null | undefined, req: RequestLike): boolean {
  if (isSameOrigin(origin, headerValue(req.headers, "host"))) return true;
  const claimed = origin && origin !== "null" ? originOf(origin) : null;
  return claimed !== null && claimed === requestOrigin(req);
}

/** Whether the app's public origin is https (then the session cookie is Secure and HSTS is sent). */
export function isHttpsOrigin(requestUrl?: string | null): boolean {
  const appUrl = getEnv().APP_URL;
  if (appUrl) return appUrl.startsWith("https:");
  return Boolean(requestUrl?.startsWith("https:"));
}
