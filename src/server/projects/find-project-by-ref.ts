import { eq, sql } from "drizzle-orm";
import { projects } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { NotFoundError, ValidationError } from "@/server/errors";

/** A project named on a command line: its id, or its name when exactly one project has it. */
export async function findProjectByRef(db: Db, ref: string): Promise<{ id: string; name: string }> {
  const [byId] = await db.select({ id: projects.id, name: projects.name }).from(projects).where(eq(projects.id, ref)).limit(1);
  if (byId) return byId;
  const byName = await db
    .select({ id: projects.id, name: projects.name })
    .from(projects)
    .where(eq(sql`lower(${projects.name})`, ref.trim().toLowerCase()))
    .limit(10);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) {
    throw new ValidationError(`Several projects are named “${ref}”; give one of their ids: ${byName.map((p) => p.id).join(", ")}`, {
      project: "ambiguous name",
    });
  }
  throw new NotFoundError("Project", `No project has the id or name “${ref}”`);
}
