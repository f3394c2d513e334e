import type { OAuth2Value } from "@/pieces/value-schema";
import type { Actor } from "@/server/context";
import type { ConnectionRow } from "@/server/connections/dto";
import { openConnectionValue } from "@/server/connections/open-value";
import type { Db } from "@/server/db/types";
import { UndecryptableError } from "@/server/encryption/undecryptable";
import { AppError } from "@/server/errors";
import { log } from "@/server/log";
import { recordOAuthRefresh } from "@/server/observability/metrics";
import { releaseClaim, type Claimed } from "./claim";
import { refreshAccessToken, requestClientCredentialsToken, type TokenSet } from "../provider/endpoints";
import { classifyProviderError, REVOKED_REASON, type ProviderErrorKind } from "../provider/errors";
import { writeRefreshFailure, writeRefreshSuccess } from "./refresh-result";
import type { RefreshOutcome, RefreshTrigger } from "./types";
import { resolveOAuthPiece, resolveOAuthSettings, type OAuthSettings } from "../provider/settings";
import { canRefresh, refreshMarginMs } from "./token-value";

/** An operator restores a missing key within hours, not seconds: do not retry before this. */
const UNDECRYPTABLE_RETRY_MS = 60 * 60_000;

export const EXPIRED_REASON = "The access token expired and this app gives no refresh token — Reconnect";

function openValue(row: ConnectionRow): OAuth2Value | null | UndecryptableError {
  try {
    const value = openConnectionValue(row);
    return value?.type === "OAUTH2" ? value : null;
  } catch (err) {
    if (err instanceof UndecryptableError) return err;
    throw err;
  }
}

function isDue(row: ConnectionRow, now: Date): boolean {
  if (row.refreshAt && row.refreshAt <= now) return true;
  return row.tokenExpiresAt !== null && row.tokenExpiresAt.getTime() <= now.getTime() + refreshMarginMs();
}

async function requestTokens(settings: OAuthSettings, value: OAuth2Value): Promise<TokenSet> {
  return settings.grantType === "client_credentials" ? requestClientCredentialsToken(settings) : refreshAccessToken(settings, value.refresh_token!);
}

/**
 * Refreshes one connection this instance has claimed. The claimed row was re-read under the
 * claim, so a token another instance refreshed a moment ago is seen as fresh and left alone: one
 * refresh per expiry. The provider call runs outside any transaction; its result is written only
 * if the claim still holds.
 */
export async function refreshClaimed(
  db: Db,
  claimed: Claimed,
  opts: { trigger: RefreshTrigger; actor: Actor; force?: boolean; now?: Date },
): Promise<RefreshOutcome> {
  const outcome = await refreshOnce(db, claimed, opts);
  recordOAuthRefresh(outcome.result === "failed" ? `failed_${outcome.kind}` : outcome.result, opts.trigger);
  return outcome;
}

async function refreshOnce(db: Db, claimed: Claimed, opts: { trigger: RefreshTrigger; actor: Actor; force?: boolean; now?: Date }): Promise<RefreshOutcome> {
  const now = opts.now ?? new Date();
  const { row } = claimed;
  const fail = (kind: ProviderErrorKind, message: string, value: OAuth2Value | null, status?: "MISSING") =>
    writeRefreshFailure(db, claimed, { kind, message, value, trigger: opts.trigger, actor: opts.actor, now, status });

  const undecryptable = async (error: UndecryptableError): Promise<RefreshOutcome> => {
    await releaseClaim(db, claimed, { refreshAt: new Date(now.getTime() + UNDECRYPTABLE_RETRY_MS) });
    return { result: "undecryptable", error, row };
  };
  const value = openValue(row);
  if (value instanceof UndecryptableError) return undecryptable(value);
  if (!value || row.status === "MISSING") {
    await releaseClaim(db, claimed, { refreshAt: null });
    return { result: "skipped", value: null, row };
  }
  if (!opts.force && !isDue(row, now)) {
    await releaseClaim(db, claimed);
    return { result: "skipped", value, row };
  }

  let settings: OAuthSettings;
  try {
    const { piece, auth } = resolveOAuthPiece(row.pieceName);
    settings = await resolveOAuthSettings(db, { piece, auth, props: value.props ?? {}, clientId: value.client_id });
  } catch (err) {
    if (err instanceof UndecryptableError) return undecryptable(err);
    if (err instanceof AppError) return fail("client", err.message, value);
    throw err;
  }

  if (!canRefresh(value, settings.grantType)) {
    const expired = row.tokenExpiresAt !== null && row.tokenExpiresAt <= now;
    if (expired) return fail("revoked", EXPIRED_REASON, value);
    await releaseClaim(db, claimed, { refreshAt: row.tokenExpiresAt });
    return { result: "skipped", value, row };
  }

  let tokens: TokenSet;
  try {
    tokens = await requestTokens(settings, value);
  } catch (err) {
    const { kind, detail } = classifyProviderError(err);
    if (kind === "transient") log.warn("oauth: refresh failed, will retry", { connectionId: row.id, reason: detail });
    const message = kind === "revoked" ? REVOKED_REASON : detail;
    return fail(kind, message, value);
  }
  return writeRefreshSuccess(db, claimed, { tokens, previous: value, settings, trigger: opts.trigger, actor: opts.actor, now });
}
