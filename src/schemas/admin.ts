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
