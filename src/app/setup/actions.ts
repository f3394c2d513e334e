"use server";

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
  try {
    await completeSetup({ db: await getDb(), input });
    return { ok: true };
  } catch (err) {
    if (err instanceof ValidationError) return { ok: false, message: err.message, fieldErrors: err.fieldErrors };
    if (err instanceof AppError) return { ok: false, message: err.message };
    log.error("setup failed", { error: err as Error });
    return { ok: false, message: "Setup failed. The error was logged." };
  }
}
