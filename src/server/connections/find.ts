import { and, eq, sql } from "drizzle-orm";
import { connections } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { NotFoundError } from "@/server/errors";
import { duplicateNameError } from "./errors";

/** Fetch-or-throw scoped by project: another project's id answers exactly like a missing one. */
export async function findConnectionOrThrow(db: Db, projectId: string, connectionId: string, opts: { forUpdate?: boolean } = {}) {
  const query = db
    .select()
    .from(connections)
    .where(and(eq(connections.projectId, projectId), eq(connections.id, connectionId)))
    .limit(1);
  const [row] = opts.forUpdate ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("Connection");
  return row;
}

/** Display names are unique per project, case-insensitively; `exceptId` lets a rename keep its own name. */
export async function assertNameFree(db: Db, projectId: string, name: string, exceptId?: string) {
  const [clash] = await db
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.projectId, projectId), eq(sql`lower(${connections.displayName})`, name.toLowerCase())))
    .limit(1);
  if (clash && clash.id !== exceptId) throw duplicateNameError(name);
}
