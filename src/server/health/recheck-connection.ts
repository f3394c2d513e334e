import { eq } from "drizzle-orm";
import { getPiece } from "@/pieces";
import { validateConnectionValue } from "@/pieces/validators";
import { recordAudit } from "@/server/audit/record";
import { changeConnectionStatus } from "@/server/connections/change-status";
import type { ConnectionRow } from "@/server/connections/dto";
import { findConnectionOrThrow } from "@/server/connections/find";
import { openConnectionValue } from "@/server/connections/open-value";
import type { Actor } from "@/server/context";
import { UndecryptableError } from "@/server/encryption/undecryptable";
import { connections } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { probeOAuthGrant } from "@/server/oauth/refresh/probe";
import { nextCheckTime } from "./schedule";

/** "undecryptable": the value needs a key this server lacks; an operator's problem, so no status change. */
export type RecheckOutcome = "passed" | "failed" | "unreachable" | "missing" | "undecryptable";

export interface RecheckResult {
  outcome: RecheckOutcome;
  message: string | null;
  status: ConnectionRow["status"];
}

async function probe(db: Db, row: ConnectionRow): Promise<{ outcome: RecheckOutcome; message: string | null }> {
  let value;
  try {
    value = openConnectionValue(row);
  } catch (err) {
    if (err instanceof UndecryptableError) return { outcome: "undecryptable", message: err.message };
    throw err;
  }
  if (!value) return { outcome: "missing", message: "Authentication was never completed — Reconnect" };
  const piece = getPiece(row.pieceName);
  const auth = piece?.auths.find((a) => a.type === row.type);
  if (!piece || !auth) return { outcome: "failed", message: "This app is no longer in the catalogue" };
  if (auth.type === "OAUTH2") {
    // A refresh proves the grant still works.
    const r = await probeOAuthGrant(db, row);
    if (r.ok) return { outcome: "passed", message: null };
    return { outcome: r.undecryptable ? "undecryptable" : r.transient ? "unreachable" : "failed", message: r.message };
  }
  const result = await validateConnectionValue({ pieceName: piece.name, auth, value });
  if (result.ok) return { outcome: "passed", message: null };
  return { outcome: result.transient ? "unreachable" : "failed", message: result.message };
}

/**
 * Checks one connection now. A credential problem moves it to Error with the reason, a pass moves
 * it back to Active, and an unreachable app or a value sealed with a key this server lacks
 * changes nothing but the check time.
 */
export async function recheckConnection(db: Db, projectId: string, connectionId: string, actor: Actor): Promise<RecheckResult> {
  const row = await findConnectionOrThrow(db, projectId, connectionId);
  const { outcome, message } = await probe(db, row);
  return db.transaction(async (tx) => {
    const current = await findConnectionOrThrow(tx, projectId, connectionId, { forUpdate: true });
    await tx.update(connections).set({ lastCheckedAt: new Date(), nextCheckAt: nextCheckTime() }).where(eq(connections.id, current.id));
    await recordAudit(tx, {
      projectId,
      actor,
      action: "connection.rechecked",
      connection: current,
      details: { outcome, ...(message ? { message } : {}) },
    });
    // Credentials changed while we were checking: our verdict is about the old ones.
    if (current.value !== row.value) return { outcome, message, status: current.status };
    const to = outcome === "passed" ? "ACTIVE" : outcome === "failed" ? "ERROR" : outcome === "missing" ? "MISSING" : current.status;
    const keep = outcome === "unreachable" || outcome === "undecryptable";
    const reason = outcome === "passed" ? null : keep ? current.statusReason : message;
    await changeConnectionStatus(tx, { connection: current, to, reason, actor, cause: "recheck" });
    return { outcome, message, status: to };
  });
}
