import { redirect } from "next/navigation";
import { getEnv } from "@/env";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { oidcConfigured } from "@/server/auth";
import { sessionUser } from "@/server/authz/who-is-asking";
import { getDb } from "@/server/db/client";
import { isSetupComplete } from "@/server/setup/get-setup-state";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const db = await getDb();
  if (!(await isSetupComplete(db))) redirect("/setup");
  const params = await searchParams;
  const callbackUrl = safeRedirectPath(params.callbackUrl);
  if (await sessionUser(db)) redirect(callbackUrl);
  const error = params.error ? (params.error === "AccessDenied" ? "Single sign-on was refused for this account." : "Sign-in failed. Try again.") : undefined;
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <SignInForm callbackUrl={callbackUrl} oidcName={oidcConfigured() ? getEnv().OIDC_NAME : null} initialError={error} />
    </main>
  );
}
