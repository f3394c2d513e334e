import { and, eq, sql } from "drizzle-orm";
import type { ProjectCtx } from "@/server/context";
import { connections } from "@/server/db/schema";

/** Counts behind the Connections page banner: what needs attention now. */
export async function connectionHealthSummary({ ctx }: { ctx: ProjectCtx }) {
  const rows = await ctx.db
    .select({ status: connections.status, n: sql<number>`count(*)::int` })
    .from(connections)
    .where(and(eq(connections.projectId, ctx.projectId), sql`${connections.status} <> 'ACTIVE'`))
    .groupBy(connections.status);
  const count = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return { error: count("ERROR"), missing: count("MISSING") };
}
