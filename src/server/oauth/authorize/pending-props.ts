import { desc, eq } from "drizzle-orm";
import type { PropValue } from "@/pieces/value-schema";
import type { ConnectionRow } from "@/server/connections/dto";
import { openConnectionValue } from "@/server/connections/open-value";
import { oauthStates } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { openStatePayload } from "./state";

function propsOfValue(row: ConnectionRow): Record<string, PropValue> | null {
  try {
    const value = openConnectionValue(row);
    return value?.type === "OAUTH2" ? (value.props ?? {}) : null;
  } catch {
    return null;
  }
}

/**
 * The fields a connection was last authorized with: from its stored value, or, when no
 * authorization has finished yet (the popup was closed), from its latest started one. Reconnect
 * keeps a secret left blank from here, so the user never has to type it again.
 */
export async function lastEnteredProps(db: Db, row: ConnectionRow | undefined): Promise<Record<string, PropValue>> {
  if (!row) return {};
  const stored = row.value ? propsOfValue(row) : null;
  if (stored) return stored;
  const [latest] = await db
    .select({ stateHash: oauthStates.stateHash, payload: oauthStates.payload, keyId: oauthStates.keyId })
    .from(oauthStates)
    .where(eq(oauthStates.connectionId, row.id))
    .orderBy(desc(oauthStates.createdAt))
    .limit(1);
  if (!latest) return {};
  try {
    return openStatePayload(latest.stateHash, latest).props ?? {};
  } catch {
    return {};
  }
}
