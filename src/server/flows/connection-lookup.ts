import { and, eq, inArray } from "drizzle-orm";
import { connections } from "@/server/db/schema";
import type { Db } from "@/server/db/types";

export interface ReferencedConnection {
  id: string;
  externalId: string;
  displayName: string;
  pieceName: string;
  status: "ACTIVE" | "MISSING" | "ERROR";
  statusReason: string | null;
}

/** The project's connections with these externalIds, in one query; absent ids are simply not in the map. */
export async function connectionsByExternalId(db: Db, projectId: string, externalIds: string[]): Promise<Map<string, ReferencedConnection>> {
  const unique = [...new Set(externalIds)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({
      id: connections.id,
      externalId: connections.externalId,
      displayName: connections.displayName,
      pieceName: connections.pieceName,
      status: connections.status,
      statusReason: connections.statusReason,
    })
    .from(connections)
    .where(and(eq(connections.projectId, projectId), inArray(connections.externalId, unique)));
  return new Map(rows.map((r) => [r.externalId, r]));
}
