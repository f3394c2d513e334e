import { and, eq, sql } from "drizzle-orm";
import type { ProjectCtx } from "@/server/context";
import { requireRole } from "@/server/authz/roles";
import { connections } from "@/server/db/schema";
import { ZCreateConnectionInput } from "@/schemas/connections";
import { parseOrThrow } from "@/server/validation";
import { parseCredentials, resolvePieceAuth, sealCredentials, verifyCredentials } from "./credentials";
import { toConnectionDto } from "./dto";
import { duplicateNameError, insertConnection } from "./insert-connection";
import type { Db } from "@/server/db/types";

export async function assertNameFree(db: Db, projectId: string, name: string, exceptId?: string) {
  const [clash] = await db
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.projectId, projectId), eq(sql`lower(${connections.displayName})`, name.toLowerCase())))
    .limit(1);
  if (clash && clash.id !== exceptId) throw duplicateNameError(name);
}

export function assertCanWrite(ctx: ProjectCtx) {
  requireRole(ctx, "EDITOR", "Viewers cannot change connections");
}

/** Parses, validates with the app, encrypts and stores a new connection with its audit row. */
export async function createConnection({ ctx, input }: { ctx: ProjectCtx; input: unknown }) {
  assertCanWrite(ctx);
  const data = parseOrThrow(ZCreateConnectionInput, input);
  const { piece, auth } = resolvePieceAuth(data.pieceName, data.type);
  const value = parseCredentials(auth, data.credentials);
  await assertNameFree(ctx.db, ctx.projectId, data.displayName);
  const note = await verifyCredentials(piece, auth, value);

  const row = await insertConnection(ctx, {
    displayName: data.displayName,
    pieceName: piece.name,
    type: data.type,
    status: "ACTIVE",
    fields: (id) => sealCredentials(id, auth, value),
  });
  return { connection: toConnectionDto(row), note };
}
