import { and, eq, inArray } from "drizzle-orm";
import type { ProjectCtx } from "@/server/context";
import { connections } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { NotFoundError } from "@/server/errors";
import { parseOrThrow } from "@/server/validation";
import { ZAffectedFlowsInput } from "@/schemas/flows";
import { pageAffectedFlows, summarizeAffectedFlows, type AffectedFlow, type AffectedSummary } from "./affected-flows";

export interface AffectedFlowsPage extends AffectedSummary {
  connections: { id: string; externalId: string; displayName: string; pieceName: string }[];
  items: AffectedFlow[];
  page: number;
  pageSize: number;
}

/** The project's connections with these ids, or "not found" if any is missing or foreign. */
export async function findConnectionsOrThrow(db: Db, projectId: string, ids: string[], opts: { forUpdate?: boolean } = {}) {
  const unique = [...new Set(ids)];
  const query = db
    .select({ id: connections.id, externalId: connections.externalId, displayName: connections.displayName, pieceName: connections.pieceName })
    .from(connections)
    .where(and(eq(connections.projectId, projectId), inArray(connections.id, unique)))
    .orderBy(connections.id);
  const rows = opts.forUpdate ? await query.for("update") : await query;
  if (rows.length !== unique.length) throw new NotFoundError("Connection");
  return rows;
}

/** What deleting (or replacing) these connections would affect: one page plus totals. */
export async function listAffectedFlows({ ctx, input }: { ctx: ProjectCtx; input: unknown }): Promise<AffectedFlowsPage> {
  const q = parseOrThrow(ZAffectedFlowsInput, input);
  const found = await findConnectionsOrThrow(ctx.db, ctx.projectId, q.connectionIds);
  const externalIds = found.map((c) => c.externalId);
  const [summary, items] = await Promise.all([
    summarizeAffectedFlows(ctx.db, ctx.projectId, externalIds),
    pageAffectedFlows(ctx.db, ctx.projectId, externalIds, q),
  ]);
  return { ...summary, connections: found, items, page: q.page, pageSize: q.pageSize };
}
