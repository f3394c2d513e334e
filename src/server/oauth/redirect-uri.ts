import { getEnv } from "@/env";

export const CALLBACK_PATH = "/api/oauth/callback";

function baseUrl(requestOrigin?: string | null): string {
  const configured = getEnv().APP_URL;
  if (configured) return configured.replace(/\/+$/, "");
  return requestOrigin ?? `http://localhost:${getEnv().PORT}`;
}

/** The app's origin, exactly: the only window the callback page will talk to. */
export function appOrigin(requestOrigin?: string | null): string {
  return new URL(baseUrl(requestOrigin)).origin;
}

/** The redirect URL to register with providers: APP_URL when set, else the origin the request came to. */
export function oauthRedirectUri(requestOrigin?: string | null): string {
  return `${baseUrl(requestOrigin)}${CALLBACK_PATH}`;
}
