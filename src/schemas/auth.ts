import { z } from "zod";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "E-mail is required")
  .max(254, "E-mail is too long")
  .email("Enter a valid e-mail address");

export const ZPassword = z
  .string()
  .min(10, "Use at least 10 characters")
  .max(200, "Use at most 200 characters");

export const ZCompleteSetupInput = z.object({
  name: z.string().trim().min(1, "Your name is required").max(100, "Use at most 100 characters"),
  email: ZEmail,
  password: ZPassword,
  projectName: z.string().trim().min(1, "A project name is required").max(100, "Use at most 100 characters"),
});
export type TCompleteSetupInput = z.infer<typeof ZCompleteSetupInput>;

export const ZSignInInput = z.object({
  email: ZEmail,
  password: z.string().min(1, "Password is required").max(200),
});
export type TSignInInput = z.infer<typeof ZSignInInput>;
