import type { OAuth2Value } from "@/pieces/value-schema";
import type { Actor } from "@/server/context";
import type { ConnectionRow } from "@/server/connections/dto";
import { openConnectionValue } from "@/server/connections/open-value";
import type { Db } from "@/server/db/types";
import { UndecryptableError } from "@/server/encryption/undecryptable";
import { AppError } from "@/server/errors";
import { log } from "@/server/log";
import { recordOAuthRefresh } from "@/server/observability/metrics";
import { setTimeout as sleep } from "node:timers/promises";
import { isDatabaseUnavailable } from "@/server/db/unavailable";
import { holdThroughProviderCall, keepClaim, PERSIST_RETRY_MS, releaseClaim, type Claimed } from "./claim";
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
 * if the claim still holds. The claim is renewed while this runs, and every write waits for the
 * renewal to stop first (so it checks the lease the row carries now).
 */
export async function refreshClaimed(
  db: Db,
  claimed: Claimed,
  opts: { trigger: RefreshTrigger; actor: Actor; force?: boolean; now?: Date },
): Promise<RefreshOutcome> {
  const keeper = keepClaim(db, claimed);
  let outcome: RefreshOutcome;
  try {
    outcome = await refreshOnce(db, claimed, keeper, opts);
  } finally {
    await keeper.stop();
  }
  recordOAuthRefresh(outcome.result === "failed" ? `failed_${outcome.kind}` : outcome.result, opts.trigger);
  return outcome;
}

type Keeper = ReturnType<typeof keepClaim>;

async function refreshOnce(
  db: Db,
  claimed: Claimed,
  keeper: Keeper,
  opts: { trigger: RefreshTrigger; actor: Actor; force?: boolean; now?: Date },
): Promise<RefreshOutcome> {
  const now = opts.now ?? new Date();
  const { row } = claimed;
  /** Every write under the claim goes through here: the renewals end first. */
  const settled = async <T>(write: () => Promise<T>): Promise<T> => {
    await keeper.stop();
    return write();
  };
  const fail = (kind: ProviderErrorKind, message: string, value: OAuth2Value | null, status?: "MISSING") =>
    settled(() => writeRefreshFailure(db, claimed, { kind, message, value, trigger: opts.trigger, actor: opts.actor, now, status }));
  const release = (set?: Parameters<typeof releaseClaim>[2]) => settled(() => releaseClaim(db, claimed, set));

  const undecryptable = async (error: UndecryptableError): Promise<RefreshOutcome> => {
    await release({ refreshAt: new Date(now.getTime() + UNDECRYPTABLE_RETRY_MS) });
    return { result: "undecryptable", error, row };
  };
  const value = openValue(row);
  if (value instanceof UndecryptableError) return undecryptable(value);
  if (!value || row.status === "MISSING") {
    await release({ refreshAt: null });
    return { result: "skipped", value: null, row };
  }
  if (!opts.force && !isDue(row, now)) {
    await release();
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
    await release({ refreshAt: row.tokenExpiresAt });
    return { result: "skipped", value, row };
  }
  // The claim lapsed and another instance took it over (this one stalled): the refresh is theirs.
  if (keeper.lost) return { result: "superseded", row };
  // From here the old refresh token may be spent: hold the row until the result is written, even
  // through a database outage (renewals stop; the in-flight lease covers the call and the write).
  await keeper.stop();
  if (!(await holdThroughProviderCall(db, claimed))) return { result: "superseded", row };

  let tokens: TokenSet;
  try {
    tokens = await requestTokens(settings, value);
  } catch (err) {
    const { kind, detail } = classifyProviderError(err);
    if (kind === "transient") log.warn("oauth: refresh failed, will retry", { connectionId: row.id, reason: detail });
    const message = kind === "revoked" ? REVOKED_REASON : detail;
    return fail(kind, message, value);
  }
  // The provider has answered and spent the old refresh token: write the new tokens at once.
  return settled(() =>
    persistDespiteOutage(row.id, () => writeRefreshSuccess(db, claimed, { tokens, previous: value, settings, trigger: opts.trigger, actor: opts.actor, now })),
  );
}

/**
 * The provider has answered: a rotated refresh token now exists only in this process, and the old
 * one is spent. If the database is away for a moment, writing it must not give up (the connection
 * could never be refreshed again, and its next refresh would be taken for a stolen token): retry
 * while the database is unreachable, for up to PERSIST_RETRY_MS. The in-flight lease
 * (`holdThroughProviderCall`) outlasts these retries, so no other instance claims the row meanwhile.
 */
async function persistDespiteOutage<T>(connectionId: string, write: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + PERSIST_RETRY_MS;
  let delay = 250;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (!isDatabaseUnavailable(err) || Date.now() + delay > deadline) throw err;
      if (attempt === 1) log.warn("oauth: the database is unreachable; keeping the refreshed tokens and retrying the write", { connectionId });
      await sleep(delay);
      delay = Math.min(delay * 2, 500);
    }
  }
}
