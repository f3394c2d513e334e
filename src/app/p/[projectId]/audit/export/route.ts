import { auth } from "@/server/auth";
import { exportAuditCsv } from "@/server/audit/export-csv";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { requireProjectAccess } from "@/server/projects/require-membership";
import { getUserById } from "@/server/users/authenticate";

export const dynamic = "force-dynamic";

/** CSV of the audit trail with the filters of the Audit log page (same query-string names). */
export async function GET(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const db = await getDb();
  const session = await auth();
  const user = session?.user?.id ? await getUserById(db, session.user.id) : null;
  if (!user) return new Response("Sign in to continue", { status: 401 });
  try {
    const ctx = await requireProjectAccess(db, { type: "USER", id: user.id, label: user.email }, projectId, "VIEWER");
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
    if (err instanceof AppError) {
      const status = err.code === "NOT_FOUND" ? 404 : err.code === "FORBIDDEN" ? 403 : 400;
      return new Response(err.message, { status });
    }
    throw err;
  }
}
