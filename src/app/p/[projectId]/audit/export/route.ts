import { authorizeProject } from "@/server/authz/project-access";
import { sessionPrincipal } from "@/server/authz/who-is-asking";
import { exportAuditCsv } from "@/server/audit/export-csv";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { statusFor } from "@/server/http/status";

export const dynamic = "force-dynamic";

/** CSV of the audit trail with the filters of the Audit log page (same query-string names). */
export async function GET(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const db = await getDb();
  try {
    const ctx = await authorizeProject(db, await sessionPrincipal(db), projectId, "VIEWER");
    const q = new URL(req.url).searchParams;
    const input = {
      connectionId: q.get("connection") || undefined,
      actions: q.getAll("action").filter(Boolean),
      actor: q.get("actor") || undefined,
      from: q.get("from") || undefined,
      to: q.get("to") || undefined,
    };
    const stream = exportAuditCsv({ ctx, input });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="audit-${day}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    if (err instanceof AppError) return new Response(err.message, { status: statusFor[err.code] });
    throw err;
  }
}
