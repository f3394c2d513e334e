import { z } from "zod";

export const ZUpdateNotificationSettingsInput = z.object({
  webhookUrl: z
    .string()
    .trim()
    .max(2000, "Use at most 2000 characters")
    .refine((v) => v === "" || /^https?:\/\//i.test(v), "Enter an http(s) URL")
    .refine((v) => {
      if (v === "") return true;
      try {
        new URL(v);
        return true;
      } catch {
        return false;
      }
    }, "Enter a valid URL"),
  emailAdmins: z.boolean(),
});
