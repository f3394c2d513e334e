import * as oauth from "oauth4webapi";

/**
 * revoked: the grant is gone (invalid_grant) — only a new consent helps.
 * client: the provider refused our client (bad id/secret) — an admin must fix the OAuth app.
 * refused: any other refusal of the request (4xx with an OAuth error).
 * transient: network, timeout, 5xx, 429 or an unreadable answer — worth retrying.
 */
export type ProviderErrorKind = "revoked" | "client" | "refused" | "transient";

export interface ProviderError {
  kind: ProviderErrorKind;
  /** Safe to show and store: the provider's error code and description, never a token. */
  detail: string;
}

export const REVOKED_REASON = "Access was revoked or expired — Reconnect";

function statusOf(err: unknown): number | undefined {
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Response) return cause.status;
  return undefined;
}

function oauthDetail(error: string, description?: string): string {
  const text = description ? `${error}: ${description}` : error;
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export function classifyProviderError(err: unknown): ProviderError {
  if (err instanceof oauth.ResponseBodyError) {
    const detail = oauthDetail(err.error, err.error_description);
    if (err.status >= 500 || err.status === 429) return { kind: "transient", detail: `the provider answered ${err.status} (${detail})` };
    if (err.error === "invalid_grant") return { kind: "revoked", detail };
    if (err.error === "invalid_client" || err.error === "unauthorized_client") return { kind: "client", detail };
    return { kind: "refused", detail };
  }
  if (err instanceof oauth.WWWAuthenticateChallengeError) {
    if (err.status >= 500) return { kind: "transient", detail: `the provider answered ${err.status}` };
    const challenge = err.cause[0]?.parameters;
    return { kind: "client", detail: challenge?.error ? oauthDetail(challenge.error, challenge.error_description) : "invalid_client" };
  }
  if (err instanceof oauth.AuthorizationResponseError) {
    return { kind: "refused", detail: oauthDetail(err.error, err.error_description) };
  }
  const name = (err as { name?: string }).name;
  if (name === "TimeoutError" || name === "AbortError") return { kind: "transient", detail: "the provider did not answer in time" };
  if (err instanceof TypeError && /fetch failed/i.test(err.message)) {
    const code = (err.cause as { code?: string } | undefined)?.code;
    return { kind: "transient", detail: `the provider could not be reached${code ? ` (${code})` : ""}` };
  }
  const status = statusOf(err);
  if (status !== undefined) return { kind: "transient", detail: `the provider answered ${status}` };
  if (err instanceof oauth.OperationProcessingError) return { kind: "transient", detail: `the provider's answer was not understood (${err.message})` };
  return { kind: "transient", detail: "the provider could not be reached" };
}
