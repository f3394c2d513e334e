import type { ConnectionRow } from "@/server/connections/dto";
import { SYSTEM_ACTOR } from "@/server/context";
import type { Db } from "@/server/db/types";
import { claimConnection } from "./claim";
import { refreshClaimed } from "./refresh-claimed";

export type ProbeResult = { ok: true } | { ok: false; message: string; transient: boolean; undecryptable?: boolean };

/**
 * Health checks of OAuth2 connections: a forced refresh proves the grant still works. A refresh
 * already in flight elsewhere proves nothing either way, so it counts as a pass.
 */
export async function probeOAuthGrant(db: Db, row: Pick<ConnectionRow, "id">): Promise<ProbeResult> {
  const claimed = await claimConnection(db, row.id);
  if (!claimed) return { ok: true };
  const outcome = await refreshClaimed(db, claimed, { trigger: "check", actor: SYSTEM_ACTOR, force: true });
  if (outcome.result === "undecryptable") return { ok: false, transient: false, undecryptable: true, message: outcome.error.message };
  if (outcome.result !== "failed") return { ok: true };
  const transient = outcome.kind === "transient";
  return { ok: false, transient, message: transient ? outcome.message : (outcome.row.statusReason ?? outcome.message) };
}
