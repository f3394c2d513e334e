import { z } from "zod";
import { zText } from "./primitives";

export const ZUpdateNotificationSettingsInput = z.object({
  webhookUrl: zText({ max: 2000 })
    .trim()
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
