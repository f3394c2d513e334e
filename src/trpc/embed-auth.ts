"use client";

// The embedded picker authenticates with a bearer token held in memory (third-party cookies are
// blocked in iframes); the tRPC client adds it to every request when set.
let accessToken: string | null = null;

export function setEmbedAccessToken(token: string | null) {
  accessToken = token;
}

export function embedAuthHeaders(): Record<string, string> {
  return accessToken ? { authorization: `Bearer ${accessToken}` } : {};
}
