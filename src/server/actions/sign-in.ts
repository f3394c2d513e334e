"use server";

import { AuthError } from "next-auth";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { signIn, signOut, OIDC_PROVIDER_ID } from "@/server/auth";
import { sessionUser } from "@/server/authz/who-is-asking";
import { createDoorContext } from "@/server/api/context";
import { retryAfterText } from "@/server/throttle/policies";
import { endUserSessions } from "@/server/users/end-sessions";

export type SignInState = { message?: string };

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  try {
    await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirectTo: safeRedirectPath(form.get("callbackUrl")),
    });
    return {};
  } catch (err) {
    if (err instanceof AuthError) return { message: signInFailureMessage(err) };
    throw err; // next's redirect signal on success
  }
}

export async function signInWithOidcAction(form: FormData) {
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeRedirectPath(form.get("callbackUrl")) });
}

function signInFailureMessage(err: AuthError): string {
  const { code, retryAfterSeconds } = err as AuthError & { code?: string; retryAfterSeconds?: number };
  if (code === "throttled") return `Too many attempts, try again in ${retryAfterText(retryAfterSeconds ?? 60)}.`;
  if (code === "account_disabled") return "This account is disabled. Ask a platform admin to enable it.";
  return "Wrong e-mail or password.";
}

/** Ends every session of the user on every instance (the cookie alone could be replayed), then this one. */
export async function signOutAction() {
  const { db } = await createDoorContext();
  const user = await sessionUser(db);
  if (user) await endUserSessions({ ctx: { db }, input: { userId: user.id } });
  await signOut({ redirectTo: "/sign-in" });
}
