"use server";

import { AuthError } from "next-auth";
import { signIn, signOut, OIDC_PROVIDER_ID } from "@/server/auth";

export type SignInState = { message?: string };

function safeCallback(raw: FormDataEntryValue | null): string {
  const url = typeof raw === "string" ? raw : "";
  // Only same-site paths: never an open redirect to another origin.
  return url.startsWith("/") && !url.startsWith("//") ? url : "/";
}

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  try {
    await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirectTo: safeCallback(form.get("callbackUrl")),
    });
    return {};
  } catch (err) {
    if (err instanceof AuthError) return { message: "Wrong e-mail or password." };
    throw err; // next's redirect signal on success
  }
}

export async function signInWithOidcAction(form: FormData) {
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeCallback(form.get("callbackUrl")) });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}
