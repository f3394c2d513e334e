import { z } from "zod";
import { ZEmail, ZPassword } from "./auth";

export const ZCreateUserInput = z.object({
  name: z.string().trim().min(1, "A name is required").max(100, "Use at most 100 characters"),
  email: ZEmail,
  password: ZPassword,
  isPlatformAdmin: z.boolean().default(false),
});
export type TCreateUserInput = z.infer<typeof ZCreateUserInput>;
