import { publicOrigin } from "@/server/http/public-origin";

export const CALLBACK_PATH = "/api/oauth/callback";

/**
 * The redirect URL to register with providers: on the app's public origin (APP_URL when set, else
 * the origin the request came to; see publicOrigin).
 */
export function oauthRedirectUri(requestOrigin?: string | null): string {
  return `${publicOrigin(requestOrigin)}${CALLBACK_PATH}`;
}
