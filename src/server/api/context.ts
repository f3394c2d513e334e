import { auth } from "@/server/auth";
import { getDb } from "@/server/db/client";
import { verifyEmbedAccessToken } from "@/server/embed/access-token";
import { requestOrigin as requestOriginOf } from "@/server/http/public-origin";
import { getUserById } from "@/server/users/authenticate";
import type { TRPCContext } from "./trpc";

/**
 * Context for requests from people: the session user, re-read so a removed account loses access;
 * or, inside the embedded picker, the user of its bearer access token, limited to one project.
 */
export async function createRequestContext(req?: Pick<Request, "headers"> | { headers: { get(name: string): string | null } }): Promise<TRPCContext> {
  const db = await getDb();
  const requestOrigin = req ? requestOriginOf(req) : null;
  const bearer = req?.headers.get("authorization")?.match(/^Bearer (ema1\..+)$/)?.[1];
  if (bearer) {
    const claims = verifyEmbedAccessToken(bearer);
    const user = claims ? await getUserById(db, claims.uid) : null;
    return { db, user, requestOrigin, embedProjectId: user && claims ? claims.pid : null };
  }
  const session = await auth();
  const user = session?.user?.id ? await getUserById(db, session.user.id) : null;
  return { db, user, requestOrigin, embedProjectId: null };
}
