import { readSessionToken, type SessionRequest } from "@/server/auth/session-token";
import type { Db } from "@/server/db/types";
import { databaseUnavailable, isDatabaseUnavailable } from "@/server/db/unavailable";
import { log } from "@/server/log";
import { sessionUserFromToken, type SessionUser } from "@/server/users/authenticate";
import { PICKER_BEARER, pickerPrincipal } from "./picker-session";
import { userPrincipal, type Principal } from "./principal";

/**
 * The one place a next-auth session becomes a user: the session cookie next-auth sealed, and the
 * account behind it read on every request (the same check as the jwt callback: it exists, is not
 * disabled, and its session version matches, so a sign-out everywhere, a password change or a
 * disable takes effect at once). While the database is unreachable the request answers 503
 * `unavailable` and the cookie is kept; any other failure of the check counts as signed out, as
 * next-auth's own session check does.
 */
export async function sessionUser(db: Db, req?: SessionRequest): Promise<SessionUser | null> {
  const token = await readSessionToken(req);
  if (!token) return null;
  try {
    return await sessionUserFromToken(db, token);
  } catch (err) {
    if (isDatabaseUnavailable(err)) throw databaseUnavailable();
    log.error("session check failed: treated as signed out", { error: err as Error });
    return null;
  }
}

/** Who is asking at doors the picker never uses (server actions, route handlers, pages): the session only. */
export async function sessionPrincipal(db: Db, req?: SessionRequest): Promise<Principal> {
  return userPrincipal(await sessionUser(db, req));
}

/**
 * Who is asking at the tRPC door: the picker's bearer token when present (it never falls back to
 * a cookie), otherwise the session. What a picker may call there is its capability (./picker.ts).
 */
export async function principalFromRequest(db: Db, req?: SessionRequest): Promise<Principal> {
  const bearer = req?.headers.get("authorization")?.match(PICKER_BEARER)?.[1];
  if (bearer) return pickerPrincipal(db, bearer);
  return sessionPrincipal(db, req);
}
