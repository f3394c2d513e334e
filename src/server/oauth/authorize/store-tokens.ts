import { eq } from "drizzle-orm";
import type { OAuth2Value } from "@/pieces/value-schema";
import { maskValue } from "@/pieces/value-schema";
import { recordAudit } from "@/server/audit/record";
import type { Actor } from "@/server/context";
import type { ConnectionRow } from "@/server/connections/dto";
import { encryptJson } from "@/server/crypto/envelope";
import { connections } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { getKeyRing } from "@/server/secrets/key-ring";
import { canRefresh, tokenSchedule } from "../refresh/token-value";
import type { OAuth2Auth, OAuthSettings } from "../provider/settings";

/** Sealed value (bound to the connection id), hints and refresh schedule for a token value. */
export function tokenColumns(connectionId: string, auth: OAuth2Auth, value: OAuth2Value, grantType: OAuthSettings["grantType"], now: Date) {
  const sealed = encryptJson(getKeyRing(), value, connectionId);
  return {
    value: sealed.ciphertext,
    keyId: sealed.keyId,
    valueHints: maskValue(auth, value),
    ...tokenSchedule(value, { now, refreshable: canRefresh(value, grantType) }),
    refreshFailures: 0,
    refreshLeaseUntil: null,
  };
}

/**
 * Saves the tokens of a finished authorization on a connection locked by the caller's
 * transaction: Active, any refresh in flight superseded, with the audit row of the change.
 */
export async function storeAuthorizedTokens(
  tx: Db,
  input: {
    connection: ConnectionRow;
    auth: OAuth2Auth;
    value: OAuth2Value;
    grantType: OAuthSettings["grantType"];
    intent: "create" | "reconnect";
    actor: Actor;
    now?: Date;
  },
): Promise<ConnectionRow> {
  const { connection: before, intent } = input;
  const [updated] = await tx
    .update(connections)
    .set({
      ...tokenColumns(before.id, input.auth, input.value, input.grantType, input.now ?? new Date()),
      status: "ACTIVE",
      statusReason: null,
      updatedAt: new Date(),
    })
    .where(eq(connections.id, before.id))
    .returning();
  await recordAudit(tx, {
    projectId: before.projectId,
    actor: input.actor,
    action: intent === "reconnect" ? "connection.reconnected" : "connection.credentials_updated",
    connection: updated!,
    details: { statusFrom: before.status, statusTo: "ACTIVE", method: "oauth2", grantType: input.grantType },
  });
  return updated!;
}
