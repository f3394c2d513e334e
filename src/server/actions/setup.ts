"use server";

import { toPublicError } from "@/server/api/error-map";
import { AuthError } from "next-auth";
import { signIn } from "@/server/auth";
import { log } from "@/server/log";
import { createDoorContext } from "@/server/api/context";
import { completeSetup } from "@/server/setup/complete-setup";

export type SetupState = { ok: boolean; message?: string; fieldErrors?: Record<string, string> };

export async function completeSetupAction(_prev: SetupState, form: FormData): Promise<SetupState> {
  const input = {
    name: String(form.get("name") ?? ""),
    email: String(form.get("email") ?? ""),
    password: String(form.get("password") ?? ""),
    projectName: String(form.get("projectName") ?? ""),
  };
  let projectId: string;
  try {
    ({ projectId } = await completeSetup({ db: (await createDoorContext()).db, input }));
  } catch (err) {
    const { message, fieldErrors } = toPublicError(err, "setup");
    return { ok: false, message, ...(fieldErrors ? { fieldErrors } : {}) };
  }
  // The owner just typed the password: sign them in and go straight to their first project.
  try {
    await signIn("credentials", { email: input.email, password: input.password, redirectTo: `/p/${projectId}/connections` });
  } catch (err) {
    if (!(err instanceof AuthError)) throw err; // next's redirect signal on success
    log.warn("setup: automatic sign-in failed", { error: err });
  }
  return { ok: true, message: "Your account is ready. Sign in to continue." };
}
