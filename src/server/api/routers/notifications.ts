import { getNotificationSettings, rotateWebhookSecret, sendTestWebhook, updateNotificationSettings } from "@/server/notifications/settings";
import { ZUpdateNotificationSettingsInput } from "@/schemas/notifications";
import { createTRPCRouter, projectProcedure } from "../trpc";

export const notificationsRouter = createTRPCRouter({
  get: projectProcedure("VIEWER").query(({ ctx }) => getNotificationSettings({ ctx: ctx.project })),
  update: projectProcedure("ADMIN")
    .input(ZUpdateNotificationSettingsInput)
    .mutation(({ ctx, input }) => updateNotificationSettings({ ctx: ctx.project, input })),
  rotateSecret: projectProcedure("ADMIN").mutation(({ ctx }) => rotateWebhookSecret({ ctx: ctx.project })),
  sendTest: projectProcedure("ADMIN").mutation(({ ctx }) => sendTestWebhook({ ctx: ctx.project })),
});
