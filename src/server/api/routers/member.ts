import { z } from "zod";
import { addMember } from "@/server/members/add-member";
import { changeMemberRole, removeMember } from "@/server/members/change-role-or-remove-member";
import { listMembers } from "@/server/members/list-members";
import { zText } from "@/schemas/primitives";
import { ZProjectRole } from "@/schemas/projects";
import { createTRPCRouter, projectProcedure } from "../trpc";

const ZUserRef = z.object({ userId: zText({ max: 64 }).min(1) });

export const memberRouter = createTRPCRouter({
  list: projectProcedure("VIEWER").query(({ ctx }) => listMembers({ ctx: ctx.project })),
  add: projectProcedure("ADMIN")
    .input(z.object({ email: zText({ max: 254 }), role: ZProjectRole }))
    .mutation(({ ctx, input }) => addMember({ ctx: ctx.project, input })),
  changeRole: projectProcedure("ADMIN")
    .input(ZUserRef.extend({ role: ZProjectRole }))
    .mutation(({ ctx, input }) => changeMemberRole({ ctx: ctx.project, input })),
  remove: projectProcedure("ADMIN")
    .input(ZUserRef)
    .mutation(({ ctx, input }) => removeMember({ ctx: ctx.project, input })),
});
