import { NextRequest } from "next/server";
import { handlers } from "@/server/auth";
import { publicOrigin } from "@/server/http/public-origin";

export const dynamic = "force-dynamic";

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
export const POST = (req: NextRequest) => handlers.POST(onPublicOrigin(req));
