import { getDb } from "@/server/db/client";
import { principalFromRequest } from "@/server/authz/who-is-asking";
import type { Principal } from "@/server/authz/principal";
import type { Db } from "@/server/db/types";
import { requestOrigin as requestOriginOf } from "@/server/http/public-origin";
import type { TRPCContext } from "./trpc";

/** The database handle for a door that needs no principal (setup, sign-out, change password): doors never open it themselves. */
export async function createDoorContext(): Promise<{ db: Db }> {
  return { db: await getDb() };
}

/** Context for requests from people (tRPC and server-rendered callers): who is asking, from authz. */
export async function createRequestContext(req?: { headers: { get(name: string): string | null } }): Promise<TRPCContext & { principal: Principal }> {
  const db = await getDb();
  const requestOrigin = req ? requestOriginOf(req) : null;
  return { db, principal: await principalFromRequest(db, req), requestOrigin };
}
