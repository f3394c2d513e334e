import { listPlatformEvents } from "@/server/audit/list-platform-events";
import { createUserAccount, listUserAccounts } from "@/server/admin/users";
import { ZCreateUserInput } from "@/schemas/admin";
import { createTRPCRouter, platformAdminProcedure } from "../trpc";

export const adminRouter = createTRPCRouter({
  listUsers: platformAdminProcedure.query(({ ctx }) => listUserAccounts({ ctx })),
  /** Accounts created by platform admins, newest first. */
  userEvents: platformAdminProcedure.query(({ ctx }) => listPlatformEvents({ ctx, kind: "user" })),
  createUser: platformAdminProcedure.input(ZCreateUserInput).mutation(({ ctx, input }) => createUserAccount({ ctx, input })),
});
