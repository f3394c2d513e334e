"use server";

import { AuthError } from "next-auth";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { signIn, signOut, OIDC_PROVIDER_ID } from "@/server/auth";

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
    if (err instanceof AuthError) return { message: "Wrong e-mail or password." };
    throw err; // next's redirect signal on success
  }
}

export async function signInWithOidcAction(form: FormData) {
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeRedirectPath(form.get("callbackUrl")) });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}
