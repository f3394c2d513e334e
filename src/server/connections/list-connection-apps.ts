import { asc, eq, sql } from "drizzle-orm";
import type { ProjectCtx } from "@/server/context";
import { connections } from "@/server/db/schema";

/** The apps the project has connections of, with how many: the Replace dialog's first choice. */
export async function listConnectionApps({ ctx }: { ctx: ProjectCtx }) {
  return ctx.db
    .select({ pieceName: connections.pieceName, connections: sql<number>`count(*)::int` })
    .from(connections)
    .where(eq(connections.projectId, ctx.projectId))
    .groupBy(connections.pieceName)
    .orderBy(asc(connections.pieceName));
}
