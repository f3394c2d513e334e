import { NextRequest } from "next/server";
import { handlers } from "@/server/auth";
import { PayloadTooLargeError, payloadTooLargeResponse, readCappedText } from "@/server/http/capped-body";

export const dynamic = "force-dynamic";

// Sign-in forms and callbacks are a few hundred bytes; the credentials callback is anonymous.
const MAX_AUTH_BODY_BYTES = 16 * 1024;

export const { GET } = handlers;

export async function POST(req: NextRequest) {
  let body: string;
  try {
    body = await readCappedText(req, MAX_AUTH_BODY_BYTES);
  } catch (err) {
    if (err instanceof PayloadTooLargeError) return payloadTooLargeResponse(err);
    throw err;
  }
  return handlers.POST(new NextRequest(req.url, { method: "POST", headers: req.headers, body }));
}
