import { z } from "zod";
import { zText } from "./primitives";
import { ZEmail, ZPassword } from "./auth";

export const ZCreateUserInput = z.object({
  name: zText({ max: 100 }).trim().min(1, "A name is required"),
  email: ZEmail,
  password: ZPassword,
  isPlatformAdmin: z.boolean().default(false),
});
export type TCreateUserInput = z.infer<typeof ZCreateUserInput>;

export const PROJECT_CREATION_POLICIES = ["ADMINS", "EVERYONE"] as const;

export const ZUpdatePlatformSettingsInput = z.object({
  /** Who may create projects: platform admins only, or every signed-in account. */
  projectCreation: z.enum(PROJECT_CREATION_POLICIES, { error: "projectCreation must be ADMINS or EVERYONE" }),
});
export type TUpdatePlatformSettingsInput = z.input<typeof ZUpdatePlatformSettingsInput>;
