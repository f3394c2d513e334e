import { auth } from "@/server/auth";
import type { Db } from "@/server/db/types";
import { sessionAccount, type SessionUser } from "@/server/users/authenticate";
import { PICKER_BEARER, pickerPrincipal } from "./picker-session";
import { userPrincipal, type Principal } from "./principal";

/**
 * The one place a next-auth session becomes a user: the account is read on every request (by the
 * session check that auth() runs, reused here), so a removed account loses access at once.
 */
export async function sessionUser(db: Db): Promise<SessionUser | null> {
  const session = await auth();
  return session?.user?.id ? sessionAccount(db, session.user.id) : null;
}

/** Who is asking at doors the picker never uses (server actions, route handlers, pages): the session only. */
export async function sessionPrincipal(db: Db): Promise<Principal> {
  return userPrincipal(await sessionUser(db));
}

/**
 * Who is asking at the tRPC door: the picker's bearer token when present (it never falls back to
 * a cookie), otherwise the session. What a picker may call there is its capability (./picker.ts).
 */
export async function principalFromRequest(db: Db, req?: { headers: { get(name: string): string | null } }): Promise<Principal> {
  const bearer = req?.headers.get("authorization")?.match(PICKER_BEARER)?.[1];
  if (bearer) return pickerPrincipal(db, bearer);
  return sessionPrincipal(db);
}
