import { getEnv } from "@/env";
import { normaliseOrigin } from "@/lib/embed/protocol";

/** EMBED_ALLOWED_ORIGINS as normalised origins; invalid entries are ignored. */
export function embedAllowedOrigins(): string[] {
  return getEnv()
    .EMBED_ALLOWED_ORIGINS.split(",")
    .map((o) => normaliseOrigin(o))
    .filter((o): o is string => o !== null);
}

/** CSP for /embed/*: only the configured editors may frame it (none configured: nobody). */
export function embedFrameAncestors(): string {
  const origins = embedAllowedOrigins();
  return `frame-ancestors ${origins.length ? origins.join(" ") : "'none'"}`;
}
