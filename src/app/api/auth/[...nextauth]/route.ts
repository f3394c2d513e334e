import { NextRequest } from "next/server";
import { handlers } from "@/server/auth";
import { PayloadTooLargeError, payloadTooLargeResponse, readCappedText } from "@/server/http/capped-body";
import { publicOrigin } from "@/server/http/public-origin";

export const dynamic = "force-dynamic";

// Sign-in forms and callbacks are a few hundred bytes; the credentials callback is anonymous.
const MAX_AUTH_BODY_BYTES = 16 * 1024;

/**
 * Auth.js builds the single sign-on redirect URL from the request's URL, which Next bases on the
 * bind address (0.0.0.0 by default): the provider would be told one redirect URL at sign-in and
 * another at the code exchange. Put the public origin in its place.
 */
function onPublicOrigin(req: NextRequest): NextRequest {
  const origin = publicOrigin(req);
  if (req.nextUrl.origin === origin) return req;
  return new NextRequest(req.nextUrl.href.replace(req.nextUrl.origin, origin), req);
}

export const GET = (req: NextRequest) => handlers.GET(onPublicOrigin(req));

export async function POST(req: NextRequest) {
  let body: string;
  try {
    body = await readCappedText(req, MAX_AUTH_BODY_BYTES);
  } catch (err) {
    if (err instanceof PayloadTooLargeError) return payloadTooLargeResponse(err);
    throw err;
  }
  return handlers.POST(onPublicOrigin(new NextRequest(req.url, { method: "POST", headers: req.headers, body })));
}
