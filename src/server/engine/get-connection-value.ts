import type { ConnectionValue } from "@/pieces/value-schema";
import type { Actor } from "@/server/context";
import type { Db } from "@/server/db/types";
import { connectionNotFound } from "./errors";
import { selectEngineConnection, usableValue, type EngineConnectionRow } from "./open-for-engine";

export interface EngineConnection {
  id: string;
  externalId: string;
  displayName: string;
  pieceName: string;
  type: EngineConnectionRow["type"];
  value: ConnectionValue;
}

/** GET /worker/connections/{externalId}: one indexed select and one decrypt. */
export async function getConnectionValue(input: { db: Db; actor: Actor; projectId: string; externalId: string }): Promise<EngineConnection> {
  const row = await selectEngineConnection(input.db, input.projectId, input.externalId);
  if (!row) throw connectionNotFound(input.externalId);
  const usable = usableValue(input, row);
  const value = usable instanceof Promise ? await usable : usable;
  return { id: row.id, externalId: row.externalId, displayName: row.displayName, pieceName: row.pieceName, type: row.type, value };
}
