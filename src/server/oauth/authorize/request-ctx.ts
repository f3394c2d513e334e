import type { ProjectCtx } from "@/server/context";

export interface OAuthRequestCtx extends ProjectCtx {
  /** Origin the request came to; the redirect URL uses it when APP_URL is not set. */
  requestOrigin?: string | null;
}
