/**
 * The headers every response of the app carries, in one place: next.config.ts sends them on
 * everything Next answers, and the tRPC door (trpc-door.ts) on what it answers beside Next.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

/** Everything but the embeddable picker (/embed/*) refuses to be framed at all. */
export const NO_FRAMING_HEADERS: Readonly<Record<string, string>> = {
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": "frame-ancestors 'none'",
};
