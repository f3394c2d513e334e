import { z } from "zod";
import { ZPassword } from "./auth";
import { zText } from "./primitives";

// zText: a NUL in an id reached PostgreSQL ("invalid byte sequence") and answered 500.
const ZUserId = zText({ max: 64 }).trim().min(1, "A user is required");

export const ZChangePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(200),
    newPassword: ZPassword,
    confirmPassword: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "Choose a password different from the current one" });
export type TChangePasswordInput = z.infer<typeof ZChangePasswordInput>;

/** Without `password` a one-time password is generated and returned once. */
export const ZResetPasswordInput = z.object({ userId: ZUserId, password: ZPassword.optional() });
export type TResetPasswordInput = z.infer<typeof ZResetPasswordInput>;

export const ZSetUserDisabledInput = z.object({ userId: ZUserId, disabled: z.boolean() });
export const ZSetPlatformAdminInput = z.object({ userId: ZUserId, isPlatformAdmin: z.boolean() });
