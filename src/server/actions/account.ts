"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/server/auth";
import { sessionUser } from "@/server/authz/who-is-asking";
import { createDoorContext } from "@/server/api/context";
import { AppError, ValidationError } from "@/server/errors";
import { changePassword } from "@/server/users/change-password";

export type ChangePasswordState = { ok?: boolean; message?: string; fieldErrors?: Record<string, string> };

/**
 * Change password (profile menu). Every session of the user ends with it; this browser gets a
 * fresh one by signing in again with the new password, so only the others are signed out.
 */
export async function changePasswordAction(_prev: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  const { db } = await createDoorContext();
  const user = await sessionUser(db);
  if (!user) return { message: "Your session ended. Sign in again to change your password." };
  const input = {
    currentPassword: String(form.get("currentPassword") ?? ""),
    newPassword: String(form.get("newPassword") ?? ""),
    confirmPassword: String(form.get("confirmPassword") ?? ""),
  };
  try {
    const { email } = await changePassword({ ctx: { db, actor: { type: "USER", id: user.id, label: user.email } }, input });
    await signIn("credentials", { email, password: input.newPassword, redirect: false });
    return { ok: true };
  } catch (err) {
    if (err instanceof ValidationError) return { message: err.message, fieldErrors: err.fieldErrors };
    if (err instanceof AppError) return { message: err.message };
    if (err instanceof AuthError) return { ok: true, message: "Password changed. Sign in again with the new password." };
    throw err;
  }
}
