import { listPlatformEvents } from "@/server/audit/list-platform-events";
import { createUserAccount, listUserAccounts } from "@/server/admin/users";
import { getPlatformSettings, updatePlatformSettings } from "@/server/platform/settings";
import { ZCreateUserInput, ZUpdatePlatformSettingsInput } from "@/schemas/admin";
import { createTRPCRouter, platformAdminProcedure } from "../trpc";

export const adminRouter = createTRPCRouter({
  listUsers: platformAdminProcedure.query(({ ctx }) => listUserAccounts({ ctx })),
  /** Accounts created by platform admins, newest first. */
  userEvents: platformAdminProcedure.query(({ ctx }) => listPlatformEvents({ ctx, kind: "user" })),
  createUser: platformAdminProcedure.input(ZCreateUserInput).mutation(({ ctx, input }) => createUserAccount({ ctx, input })),
  settings: platformAdminProcedure.query(({ ctx }) => getPlatformSettings(ctx.db)),
  updateSettings: platformAdminProcedure.input(ZUpdatePlatformSettingsInput).mutation(({ ctx, input }) => updatePlatformSettings({ ctx, input })),
  settingsEvents: platformAdminProcedure.query(({ ctx }) => listPlatformEvents({ ctx, kind: "platform" })),
});
