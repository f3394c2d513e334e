"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/server/auth";
import { getDb } from "@/server/db/client";
import { AppError, ValidationError } from "@/server/errors";
import { completeSetup } from "@/server/setup/complete-setup";
import { log } from "@/server/log";

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
    ({ projectId } = await completeSetup({ db: await getDb(), input }));
  } catch (err) {
    if (err instanceof ValidationError) return { ok: false, message: err.message, fieldErrors: err.fieldErrors };
    if (err instanceof AppError) return { ok: false, message: err.message };
    log.error("setup failed", { error: err as Error });
    return { ok: false, message: "Setup failed. The error was logged." };
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
