import type { ProjectCtx } from "@/server/context";
import { ZAuditFilters } from "@/schemas/audit";
import { parseOrThrow } from "@/server/validation";
import { auditConditions, selectEvents } from "./list-events";

const MAX_ROWS = 100_000;
const BATCH = 1_000;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : value instanceof Date ? value.toISOString() : JSON.stringify(value);
  // Spreadsheet apps execute cells starting with these: neutralise them.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const HEADER = ["time", "action", "actor_type", "actor", "connection", "connection_external_id", "flow", "details"];

/** The filtered audit trail as CSV, streamed in batches. */
export function exportAuditCsv({ ctx, input }: { ctx: ProjectCtx; input: unknown }): ReadableStream<Uint8Array> {
  const filters = parseOrThrow(ZAuditFilters, input ?? {});
  const condition = auditConditions(ctx.projectId, filters);
  const encoder = new TextEncoder();
  let offset = 0;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(HEADER.join(",") + "\r\n"));
        return;
      }
      const rows = await selectEvents(ctx.db, condition).limit(BATCH).offset(offset);
      offset += rows.length;
      const text = rows
        .map((r) =>
          [r.createdAt, r.action, r.actorType, r.actorLabel, r.connectionName, r.connectionExternalId, r.flowName ?? r.flowId, r.details]
            .map(csvCell)
            .join(","),
        )
        .join("\r\n");
      if (text) controller.enqueue(encoder.encode(text + "\r\n"));
      if (rows.length < BATCH || offset >= MAX_ROWS) controller.close();
    },
  });
}
