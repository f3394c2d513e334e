"use server";

import { auth } from "@/server/auth";
import { deleteConnections } from "@/server/connections/delete-connections";
import { previewReplace, type ReplacePreview } from "@/server/connections/preview-replace";
import { replaceConnection } from "@/server/connections/replace-connection";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { AffectedSummary } from "@/server/flows/affected-flows";
import { ConnectionsInUseError, StalePreviewError } from "@/server/flows/errors";
import { log } from "@/server/log";
import { requireProjectAccess } from "@/server/projects/require-membership";
import { getUserById } from "@/server/users/authenticate";
import type { TPreviewReplaceInput, TReplaceConnectionInput } from "@/schemas/flows";

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: AppError["code"] | "INTERNAL";
      message: string;
      /** Delete refused: the flows that use the connections, to confirm explicitly. */
      affected?: AffectedSummary;
      /** Replace refused because the affected flows changed: the new preview. */
      preview?: ReplacePreview;
    };

/** Server actions check the session and project role exactly like the tRPC door. */
async function projectCtxForAction(projectId: unknown) {
  const db = await getDb();
  const session = await auth();
  const user = session?.user?.id ? await getUserById(db, session.user.id) : null;
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in to continue");
  if (typeof projectId !== "string" || !projectId) throw new AppError("NOT_FOUND", "Project not found");
  return requireProjectAccess(db, { type: "USER", id: user.id, label: user.email }, projectId, "EDITOR");
}

async function asResult<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    if (err instanceof ConnectionsInUseError) return { ok: false, code: err.code, message: err.message, affected: err.affected };
    if (err instanceof StalePreviewError) return { ok: false, code: err.code, message: err.message, preview: err.preview };
    if (err instanceof AppError) return { ok: false, code: err.code, message: err.message };
    log.error("server action failed", { error: err as Error });
    return { ok: false, code: "INTERNAL", message: "Something went wrong. The error was logged." };
  }
}

/** Connections that flows use are deleted only with `confirmAffected`: the fingerprint the user was shown. */
export async function deleteConnectionsAction(projectId: string, connectionIds: string[], options: { confirmAffected?: string } = {}) {
  return asResult(async () => {
    const ctx = await projectCtxForAction(projectId);
    return deleteConnections({ ctx, input: { connectionIds, confirmAffected: options.confirmAffected } });
  });
}

export async function previewReplaceAction(projectId: string, input: TPreviewReplaceInput) {
  return asResult(async () => {
    const ctx = await projectCtxForAction(projectId);
    return previewReplace({ ctx, input });
  });
}

export async function replaceConnectionAction(projectId: string, input: TReplaceConnectionInput) {
  return asResult(async () => {
    const ctx = await projectCtxForAction(projectId);
    const { flowsUpdated, versions, deletedOld, from, to } = await replaceConnection({ ctx, input });
    return { flowsUpdated, versions, deletedOld, from, to };
  });
}
