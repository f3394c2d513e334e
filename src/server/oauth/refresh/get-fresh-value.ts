import { eq } from "drizzle-orm";
import { setTimeout as sleep } from "node:timers/promises";
import type { OAuth2Value } from "@/pieces/value-schema";
import { SYSTEM_ACTOR, type Actor } from "@/server/context";
import type { ConnectionRow } from "@/server/connections/dto";
import { openConnectionValue } from "@/server/connections/open-value";
import { connections } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { ReauthRequiredError, UnavailableError } from "@/server/errors";
import { claimConnection, LEASE_MS } from "./claim";
import { refreshClaimed } from "./refresh-claimed";
import { refreshMarginMs } from "./token-value";

// A refresh in flight elsewhere ends within its provider timeout; a claim whose instance died
// before its provider call lapses after LEASE_MS. Wait a little longer than that, then take over.
// A claim still held then is a refresh whose provider call has started (its in-flight lease
// outlasts a database outage): the flow gets a 503 and tries again, rather than waiting longer.
const WAIT_FOR_OTHERS_MS = LEASE_MS + 1_000;
const POLL_MS = 100;

const isValid = (row: Pick<ConnectionRow, "tokenExpiresAt">, now: number) => row.tokenExpiresAt === null || row.tokenExpiresAt.getTime() > now;
const isFresh = (row: Pick<ConnectionRow, "tokenExpiresAt">, now: number) =>
  row.tokenExpiresAt === null || row.tokenExpiresAt.getTime() > now + refreshMarginMs();

function usableValue(row: Pick<ConnectionRow, "id" | "value" | "keyId">): OAuth2Value {
  const value = openConnectionValue(row);
  if (value?.type !== "OAUTH2") throw new ReauthRequiredError("Authorization was never completed — Reconnect");
  return value;
}

/** Error with no refresh scheduled is final (revoked, client refused); Error with one is still retrying. */
function assertUsable(row: ConnectionRow) {
  if (row.status === "MISSING") throw new ReauthRequiredError(row.statusReason ?? "Authorization was never completed — Reconnect");
  if (row.status === "ERROR" && row.refreshAt === null) throw new ReauthRequiredError(row.statusReason ?? undefined);
}

async function reread(db: Db, id: string): Promise<ConnectionRow> {
  const [row] = await db.select().from(connections).where(eq(connections.id, id)).limit(1);
  if (!row) throw new ReauthRequiredError("The connection was deleted");
  return row;
}

/** Waits for another instance's refresh to land (its claim is released), then re-reads. */
async function waitForOtherRefresh(db: Db, id: string): Promise<ConnectionRow> {
  const deadline = Date.now() + WAIT_FOR_OTHERS_MS;
  let row = await reread(db, id);
  while (row.refreshLeaseUntil && row.refreshLeaseUntil.getTime() > Date.now() && Date.now() < deadline) {
    await sleep(POLL_MS);
    row = await reread(db, id);
  }
  return row;
}

/** The columns a caller has at hand; the full row is re-read when a refresh may be needed. */
export type OAuthConnectionRow = Pick<ConnectionRow, "id" | "status" | "statusReason" | "value" | "keyId" | "tokenExpiresAt"> & Partial<ConnectionRow>;

/**
 * The credentials of an OAuth2 connection, refreshed first when the token expires within the
 * margin (OAUTH_REFRESH_MARGIN_SECONDS). Across every instance only one refresh runs per
 * connection: the others use the still-valid token, or wait for the new one. A fresh token costs
 * no query at all.
 */
export async function getFreshOAuthValue(ctx: { db: Db; actor?: Actor }, given: OAuthConnectionRow): Promise<OAuth2Value> {
  return freshValue(ctx, given, false);
}

async function freshValue(ctx: { db: Db; actor?: Actor }, given: OAuthConnectionRow, tookOver: boolean): Promise<OAuth2Value> {
  const { db } = ctx;
  if (given.status === "ACTIVE" && isFresh(given, Date.now())) return usableValue(given);
  const connection = given.refreshAt === undefined ? await reread(db, given.id) : (given as ConnectionRow);
  assertUsable(connection);
  const now = Date.now();
  if (isFresh(connection, now)) return usableValue(connection);
  // Backing off after a provider outage: the token still works, so use it rather than retry now.
  if (isValid(connection, now) && connection.refreshAt && connection.refreshAt.getTime() > now) return usableValue(connection);

  const claimed = await claimConnection(db, connection.id);
  if (!claimed) {
    if (isValid(connection, Date.now())) return usableValue(connection);
    const row = await waitForOtherRefresh(db, connection.id);
    assertUsable(row);
    if (isValid(row, Date.now())) return usableValue(row);
    // The claim lapsed with nothing written (its instance died): refresh it here, once.
    const lapsed = !row.refreshLeaseUntil || row.refreshLeaseUntil.getTime() <= Date.now();
    if (lapsed && !tookOver) return freshValue(ctx, row, true);
    throw new UnavailableError("The access token expired and could not be refreshed yet. Try again shortly.");
  }

  const outcome = await refreshClaimed(db, claimed, { trigger: "use", actor: ctx.actor ?? SYSTEM_ACTOR });
  switch (outcome.result) {
    case "refreshed":
      return outcome.value;
    case "undecryptable":
      throw outcome.error;
    case "superseded":
      return freshValue(ctx, await reread(db, connection.id), tookOver);
    case "skipped": {
      assertUsable(outcome.row);
      if (outcome.value && isValid(outcome.row, Date.now())) return outcome.value;
      throw new ReauthRequiredError(outcome.row.statusReason ?? undefined);
    }
    case "failed":
      if (outcome.kind !== "transient") throw new ReauthRequiredError(outcome.row.statusReason ?? outcome.message);
      if (outcome.value && isValid(claimed.row, Date.now())) return outcome.value;
      throw new UnavailableError(`The access token expired and could not be refreshed: ${outcome.message}. Retrying automatically.`);
  }
}
