import type { ProjectCtx } from "@/server/context";
import type { Db } from "@/server/db/types";
import { ValidationError } from "@/server/errors";
import { pageAffectedFlows, summarizeAffectedFlows, type AffectedFlow, type AffectedSummary } from "@/server/flows/affected-flows";
import { findConnectionsOrThrow } from "@/server/flows/list-affected-flows";
import { parseOrThrow } from "@/server/validation";
import { getPiece } from "@/pieces";
import { ZPreviewReplaceInput } from "@/schemas/flows";

type Side = Awaited<ReturnType<typeof findConnectionsOrThrow>>[number];

export interface ReplacePreview extends AffectedSummary {
  from: Side;
  to: Side;
  items: AffectedFlow[];
  page: number;
  pageSize: number;
}

/** Loads both connections (optionally locked) and checks that one can replace the other. */
export async function loadReplacePair(db: Db, projectId: string, fromId: string, toId: string, opts: { forUpdate?: boolean } = {}) {
  if (fromId === toId) throw new ValidationError("Choose a different connection to replace it with", { toConnectionId: "Choose a different connection" });
  const rows = await findConnectionsOrThrow(db, projectId, [fromId, toId], opts);
  const from = rows.find((r) => r.id === fromId)!;
  const to = rows.find((r) => r.id === toId)!;
  if (from.pieceName !== to.pieceName) {
    const app = getPiece(from.pieceName)?.displayName ?? from.pieceName;
    const message = `A connection can only be replaced by another ${app} connection`;
    throw new ValidationError(message, { toConnectionId: message });
  }
  return { from, to };
}

export async function buildReplacePreview(
  db: Db,
  projectId: string,
  pair: { from: Side; to: Side },
  page: { page: number; pageSize: number },
): Promise<ReplacePreview> {
  // Sequential on purpose: `db` may be a transaction.
  const summary = await summarizeAffectedFlows(db, projectId, [pair.from.externalId]);
  const items = await pageAffectedFlows(db, projectId, [pair.from.externalId], page);
  return { ...summary, ...pair, items, page: page.page, pageSize: page.pageSize };
}

/** The flows a Replace would rewrite, one page at a time, and the fingerprint to confirm with. */
export async function previewReplace({ ctx, input }: { ctx: ProjectCtx; input: unknown }): Promise<ReplacePreview> {
  const q = parseOrThrow(ZPreviewReplaceInput, input);
  const pair = await loadReplacePair(ctx.db, ctx.projectId, q.fromConnectionId, q.toConnectionId);
  return buildReplacePreview(ctx.db, ctx.projectId, pair, q);
}
