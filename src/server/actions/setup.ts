"use server";

import { toPublicError } from "@/server/api/error-map";
import { getDb } from "@/server/db/client";
import { completeSetup } from "@/server/setup/complete-setup";

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
    const { message, fieldErrors } = toPublicError(err, "setup");
    return { ok: false, message, ...(fieldErrors ? { fieldErrors } : {}) };
  }
}
