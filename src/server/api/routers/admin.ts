import { listPlatformEvents } from "@/server/audit/list-platform-events";
import { verifyAuditChain } from "@/server/audit/verify-chain";
import { createUserAccount, listUserAccounts } from "@/server/admin/users";
import { ZCreateUserInput } from "@/schemas/admin";
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
});
