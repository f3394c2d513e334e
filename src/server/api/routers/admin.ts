import { listPlatformEvents } from "@/server/audit/list-platform-events";
import { verifyAuditChain } from "@/server/audit/verify-chain";
import { createUserAccount, listUserAccounts } from "@/server/admin/users";
import { getPlatformSettings, updatePlatformSettings } from "@/server/platform/settings";
import { resetUserPassword } from "@/server/users/reset-password";
import { setPlatformAdmin } from "@/server/users/set-platform-admin";
import { setUserDisabled } from "@/server/users/set-user-disabled";
import { ZSetPlatformAdminInput, ZResetPasswordInput, ZSetUserDisabledInput } from "@/schemas/account";
import { ZCreateUserInput, ZUpdatePlatformSettingsInput } from "@/schemas/admin";
import { createTRPCRouter, platformAdminProcedure } from "../trpc";

export const adminRouter = createTRPCRouter({
  listUsers: platformAdminProcedure.query(({ ctx }) => listUserAccounts({ ctx })),
  /** Accounts created by platform admins, newest first. */
  userEvents: platformAdminProcedure.query(({ ctx }) => listPlatformEvents({ ctx, kind: "user" })),
  /** Projects created elsewhere than a project page, deletions, retention and other platform-wide changes. */
  platformEvents: platformAdminProcedure.query(({ ctx }) => listPlatformEvents({ ctx, kind: ["project", "audit", "encryption", "platform", "api_key"] })),
  /** Read-only: walks every audit chain now (a button on Admin → Audit). */
  verifyAudit: platformAdminProcedure.query(({ ctx }) => verifyAuditChain({ db: ctx.db })),
  createUser: platformAdminProcedure.input(ZCreateUserInput).mutation(({ ctx, input }) => createUserAccount({ ctx, input })),
  settings: platformAdminProcedure.query(({ ctx }) => getPlatformSettings(ctx.db)),
  updateSettings: platformAdminProcedure.input(ZUpdatePlatformSettingsInput).mutation(({ ctx, input }) => updatePlatformSettings({ ctx, input })),
  settingsEvents: platformAdminProcedure.query(({ ctx }) => listPlatformEvents({ ctx, kind: "platform" })),
  /** Answers the generated one-time password once, when the admin did not choose one. */
  resetPassword: platformAdminProcedure.input(ZResetPasswordInput).mutation(({ ctx, input }) => resetUserPassword({ ctx, input })),
  setDisabled: platformAdminProcedure.input(ZSetUserDisabledInput).mutation(({ ctx, input }) => setUserDisabled({ ctx, input })),
  setPlatformAdmin: platformAdminProcedure.input(ZSetPlatformAdminInput).mutation(({ ctx, input }) => setPlatformAdmin({ ctx, input })),
});
