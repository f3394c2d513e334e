import { getDb } from "@/server/db/client";
import { exchangeEmbedToken } from "@/server/embed/sessions";
import { AppError } from "@/server/errors";

export const dynamic = "force-dynamic";

/** The picker iframe spends its one-time token here for a short-lived bearer access token. */
export async function POST(req: Request) {
  let token: unknown;
  try {
    token = ((await req.json()) as { token?: unknown }).token;
  } catch {
    return Response.json({ error: "invalid_request", message: "Send {\"token\": \"embt_…\"}" }, { status: 400 });
  }
  try {
    const session = await exchangeEmbedToken(await getDb(), token);
    return Response.json(session, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof AppError) return Response.json({ error: "invalid_token", message: err.message }, { status: 401 });
    throw err;
  }
}
