import { and, eq } from "drizzle-orm";
import { getPiece } from "@/pieces";
import type { OAuth2Value } from "@/pieces/value-schema";
import { recordAudit } from "@/server/audit/record";
import { changeConnectionStatus } from "@/server/connections/change-status";
import type { Actor } from "@/server/context";
import { connections } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import type { Claimed } from "./claim";
import type { TokenSet } from "../provider/endpoints";
import type { ProviderErrorKind } from "../provider/errors";
import type { RefreshOutcome, RefreshTrigger } from "./types";
import { resolveOAuthPiece, type OAuthSettings } from "../provider/settings";
import { tokenColumns } from "../authorize/store-tokens";
import { retryAt, toOAuth2Value } from "./token-value";

/** Locks the row if our claim still holds; null when it was lost (reconnected, deleted, taken over). */
async function lockIfStillOurs(tx: Db, claimed: Claimed) {
  const [row] = await tx
    .select()
    .from(connections)
    .where(and(eq(connections.id, claimed.row.id), eq(connections.refreshLeaseUntil, claimed.lease)))
    .limit(1)
    .for("update");
  return row ?? null;
}

/** Saves the new access token and, atomically with it, a rotated refresh token (or keeps the old one). */
export async function writeRefreshSuccess(
  db: Db,
  claimed: Claimed,
  input: { tokens: TokenSet; previous: OAuth2Value; settings: OAuthSettings; trigger: RefreshTrigger; actor: Actor; now: Date },
): Promise<RefreshOutcome> {
  const { tokens, previous, settings, now } = input;
  const value = toOAuth2Value(tokens, { now, clientId: settings.client.clientId, previous });
  const { auth } = resolveOAuthPiece(settings.pieceName);
  // The rotated refresh token exists only in this process until it is committed, and a crash
  // before the commit loses it for good. So the tokens are committed on their own first: one
  // conditional update (it checks the claim too), which waits for no one. The audit row and the
  // status change follow in their own transaction: audit rows of a project are chained under one
  // lock, which a long audited transaction elsewhere (a Replace across many flows) can hold for a
  // while. A crash between the two leaves the tokens saved and that refresh unaudited.
  const [current] = await db
    .update(connections)
    .set(tokenColumns(claimed.row.id, auth, value, settings.grantType, now))
    .where(and(eq(connections.id, claimed.row.id), eq(connections.refreshLeaseUntil, claimed.lease)))
    .returning();
  if (!current) return { result: "superseded" as const, row: claimed.row };
  await db.transaction(async (tx) => {
    await recordAudit(tx, {
      projectId: current.projectId,
      actor: input.actor,
      action: "connection.refreshed",
      connection: current,
      details: {
        trigger: input.trigger,
        rotated: Boolean(tokens.refresh_token && tokens.refresh_token !== previous.refresh_token),
        ...(value.expires_at ? { expiresAt: value.expires_at } : {}),
      },
    });
    if (current.status !== "ACTIVE") {
      await changeConnectionStatus(tx, { connection: current, to: "ACTIVE", reason: null, actor: input.actor, cause: "refresh" });
    }
  });
  return { result: "refreshed" as const, value, row: { ...current, status: "ACTIVE" as const, statusReason: null } };
}

function permanentReason(app: string, kind: ProviderErrorKind, message: string): string {
  if (kind === "client" && !message.includes("—"))
    return `${app} refused this server's OAuth client (${message}) — a platform admin must check the OAuth app, then Reconnect`;
  if (kind === "refused" && !message.includes("—")) return `${app} refused to refresh the token (${message}) — Reconnect`;
  return message;
}

/**
 * A transient failure schedules a retry with backoff and leaves the status alone while the token
 * still works (after it expired the connection shows Error, and recovers on the next success).
 * Any other failure stops refreshing and moves the connection to Error with the reason.
 */
export async function writeRefreshFailure(
  db: Db,
  claimed: Claimed,
  input: {
    kind: ProviderErrorKind;
    message: string;
    value: OAuth2Value | null;
    trigger: RefreshTrigger;
    actor: Actor;
    now: Date;
    /** Where a permanent failure leaves the connection (Missing when its value is unusable). */
    status?: "ERROR" | "MISSING";
  },
): Promise<RefreshOutcome> {
  const { kind, now, actor } = input;
  const app = getPiece(claimed.row.pieceName)?.displayName ?? claimed.row.pieceName;
  return db.transaction(async (tx) => {
    const current = await lockIfStillOurs(tx, claimed);
    if (!current) return { result: "superseded" as const, row: claimed.row };
    const transient = kind === "transient";
    const failures = transient ? current.refreshFailures + 1 : 0;
    const reason = transient ? input.message : permanentReason(app, kind, input.message);
    await tx
      .update(connections)
      .set({
        refreshLeaseUntil: null,
        refreshFailures: failures,
        refreshAt: transient ? retryAt(failures, current.tokenExpiresAt, now) : null,
      })
      .where(eq(connections.id, current.id));
    await recordAudit(tx, {
      projectId: current.projectId,
      actor,
      action: "connection.refresh_failed",
      connection: current,
      details: { trigger: input.trigger, reason, transient, ...(transient ? { attempt: failures } : {}) },
    });
    const expired = current.tokenExpiresAt !== null && current.tokenExpiresAt <= now;
    let status = current.status;
    let statusReason = current.statusReason;
    if (!transient || expired) {
      status = transient ? "ERROR" : (input.status ?? "ERROR");
      statusReason = transient ? `The access token expired and ${app} could not be reached to refresh it (${reason}) — retrying automatically` : reason;
      await changeConnectionStatus(tx, { connection: current, to: status, reason: statusReason, actor, cause: "refresh" });
    }
    return { result: "failed" as const, kind, message: reason, value: input.value, row: { ...current, status, statusReason } };
  });
}
