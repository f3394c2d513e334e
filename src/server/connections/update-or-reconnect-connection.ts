import { eq } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record";
import type { ProjectCtx } from "@/server/context";
import { connections } from "@/server/db/schema";
import { isUniqueViolation, ValidationError } from "@/server/errors";
import { ZReconnectConnectionInput, ZUpdateConnectionInput } from "@/schemas/connections";
import { parseOrThrow } from "@/server/validation";
import { assertCanWrite } from "./assert-can-write";
import { assertNameFree } from "./find";
import { duplicateNameError } from "./errors";
import { parseCredentials, resolvePieceAuth, sealCredentials, verifyCredentials } from "./credentials";
import { toConnectionDto } from "./dto";
import { findConnectionOrThrow } from "./find";

/**
 * Rename and/or replace credentials. The externalId never changes, so every flow that
 * references the connection keeps working.
 */
export async function updateConnection({ ctx, input }: { ctx: ProjectCtx; input: unknown }) {
  assertCanWrite(ctx);
  const data = parseOrThrow(ZUpdateConnectionInput, input);
  const current = await findConnectionOrThrow(ctx.db, ctx.projectId, data.connectionId);
  const rename = data.displayName !== undefined && data.displayName !== current.displayName ? data.displayName : undefined;
  if (rename === undefined && data.credentials === undefined) return { connection: toConnectionDto(current), note: undefined };
  if (rename) await assertNameFree(ctx.db, ctx.projectId, rename, current.id);

  let sealed: ReturnType<typeof sealCredentials> | undefined;
  let note: string | undefined;
  if (data.credentials !== undefined) {
    const { piece, auth } = resolvePieceAuth(current.pieceName, current.type);
    const value = parseCredentials(auth, data.credentials);
    note = await verifyCredentials(piece, auth, value);
    sealed = sealCredentials(current.id, auth, value);
  }

  try {
    const row = await ctx.db.transaction(async (tx) => {
      const before = await findConnectionOrThrow(tx, ctx.projectId, current.id, { forUpdate: true });
      const [updated] = await tx
        .update(connections)
        .set({
          ...(rename ? { displayName: rename } : {}),
          ...(sealed ? { ...sealed, status: "ACTIVE" as const, statusReason: null } : {}),
          updatedAt: new Date(),
        })
        .where(eq(connections.id, current.id))
        .returning();
      if (rename) {
        await recordAudit(tx, {
          projectId: ctx.projectId,
          actor: ctx.actor,
          action: "connection.renamed",
          connection: updated!,
          details: { from: before.displayName, to: rename },
        });
      }
      if (sealed) {
        await recordAudit(tx, {
          projectId: ctx.projectId,
          actor: ctx.actor,
          action: "connection.credentials_updated",
          connection: updated!,
          details: before.status !== "ACTIVE" ? { statusFrom: before.status, statusTo: "ACTIVE" } : {},
        });
      }
      return updated!;
    });
    return { connection: toConnectionDto(row), note };
  } catch (err) {
    if (rename && isUniqueViolation(err, "connections_project_name_uq")) throw duplicateNameError(rename);
    throw err;
  }
}

/** Re-enter the credentials of the same connection; it becomes Active again. */
export async function reconnectConnection({ ctx, input }: { ctx: ProjectCtx; input: unknown }) {
  assertCanWrite(ctx);
  const data = parseOrThrow(ZReconnectConnectionInput, input);
  const current = await findConnectionOrThrow(ctx.db, ctx.projectId, data.connectionId);
  const { piece, auth } = resolvePieceAuth(current.pieceName, current.type);
  if (auth.type === "OAUTH2") throw new ValidationError("Reconnect an OAuth2 connection through the app's consent screen");
  const value = parseCredentials(auth, data.credentials);
  const note = await verifyCredentials(piece, auth, value);
  const sealed = sealCredentials(current.id, auth, value);
  const row = await ctx.db.transaction(async (tx) => {
    const before = await findConnectionOrThrow(tx, ctx.projectId, current.id, { forUpdate: true });
    const [updated] = await tx
      .update(connections)
      .set({ ...sealed, status: "ACTIVE", statusReason: null, updatedAt: new Date() })
      .where(eq(connections.id, current.id))
      .returning();
    await recordAudit(tx, {
      projectId: ctx.projectId,
      actor: ctx.actor,
      action: "connection.reconnected",
      connection: updated!,
      details: { statusFrom: before.status, statusTo: "ACTIVE" },
    });
    return updated!;
  });
  return { connection: toConnectionDto(row), note };
}
