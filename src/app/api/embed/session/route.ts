import { getDb } from "@/server/db/client";
import { exchangeEmbedToken } from "@/server/embed/sessions";
import { databaseUnavailable, isDatabaseUnavailable } from "@/server/db/unavailable";
import { AppError } from "@/server/errors";
import { PayloadTooLargeError, payloadTooLargeResponse, readCappedText } from "@/server/http/capped-body";

export const dynamic = "force-dynamic";

// {"token": "embt_…"} is under 100 bytes; anything near this is not a picker.
const MAX_BODY_BYTES = 4 * 1024;

/** The picker iframe spends its one-time token here for a short-lived bearer access token. */
export async function POST(req: Request) {
  let token: unknown;
  try {
    token = (JSON.parse(await readCappedText(req, MAX_BODY_BYTES)) as { token?: unknown } | null)?.token;
  } catch (err) {
    if (err instanceof PayloadTooLargeError) return payloadTooLargeResponse(err);
    return Response.json({ error: "invalid_request", message: 'Send {"token": "embt_…"}' }, { status: 400 });
  }
  try {
    const session = await exchangeEmbedToken(await getDb(), token);
    return Response.json(session, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof AppError) return Response.json({ error: "invalid_token", message: err.message }, { status: 401 });
    if (isDatabaseUnavailable(err)) return Response.json({ error: "unavailable", message: databaseUnavailable().message }, { status: 503 });
    throw err;
  }
}
