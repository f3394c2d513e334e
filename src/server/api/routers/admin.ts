import { createUserAccount, listUserAccounts } from "@/server/admin/users";
import { ZCreateUserInput } from "@/schemas/admin";
import { createTRPCRouter, platformAdminProcedure } from "../trpc";

export const adminRouter = createTRPCRouter({
  listUsers: platformAdminProcedure.query(({ ctx }) => listUserAccounts({ ctx })),
  createUser: platformAdminProcedure.input(ZCreateUserInput).mutation(({ ctx, input }) => createUserAccount({ ctx, input })),
});
