import { z } from "zod";
import { zText } from "./primitives";

export const ZEmail = zText({ max: 254, tooLong: "E-mail is too long" })
  .trim()
  .toLowerCase()
  .min(1, "E-mail is required")
  .email("Enter a valid e-mail address");

// Passwords keep every printable character, spaces included; only control characters are refused.
export const ZPassword = zText({ max: 200 }).min(10, "Use at least 10 characters");

export const ZCompleteSetupInput = z.object({
  name: zText({ max: 100 }).trim().min(1, "Your name is required"),
  email: ZEmail,
  password: ZPassword,
  projectName: zText({ max: 100 }).trim().min(1, "A project name is required"),
});
export type TCompleteSetupInput = z.infer<typeof ZCompleteSetupInput>;

export const ZSignInInput = z.object({
  email: ZEmail,
  password: zText({ max: 200 }).min(1, "Password is required"),
});
export type TSignInInput = z.infer<typeof ZSignInInput>;
