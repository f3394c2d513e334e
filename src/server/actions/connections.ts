"use server";

import { createRequestContext } from "@/server/api/context";
import { toPublicError } from "@/server/api/error-map";
import { authorizeProject } from "@/server/authz/project-access";
import { deleteConnections } from "@/server/connections/delete-connections";
import { previewReplace, type ReplacePreview } from "@/server/connections/preview-replace";
import { replaceConnection } from "@/server/connections/replace-connection";
import { NotFoundError, type AppError } from "@/server/errors";
import type { AffectedSummary } from "@/server/flows/affected-flows";
import { ConnectionsInUseError, StalePreviewError } from "@/server/connections/errors";
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

/** Server actions ask authz exactly like the tRPC door, with the same request context. */
async function projectCtxForAction(projectId: unknown) {
  const { db, principal } = await createRequestContext();
  if (typeof projectId !== "string" || !projectId) throw new NotFoundError("Project");
  return authorizeProject(db, principal, projectId, "EDITOR");
}

async function asResult<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    if (err instanceof ConnectionsInUseError) return { ok: false, code: err.code, message: err.message, affected: err.affected };
    if (err instanceof StalePreviewError) return { ok: false, code: err.code, message: err.message, preview: err.preview };
    const { code, message } = toPublicError(err, "server action");
    return { ok: false, code, message };
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
