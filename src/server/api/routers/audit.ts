import { listAuditActors, listAuditEvents } from "@/server/audit/list-events";
import { ZListAuditInput } from "@/schemas/audit";
import { createTRPCRouter, projectProcedure } from "../trpc";

export const auditRouter = createTRPCRouter({
  list: projectProcedure("VIEWER")
    .input(ZListAuditInput)
    .query(({ ctx, input }) => listAuditEvents({ ctx: ctx.project, input })),
  actors: projectProcedure("VIEWER").query(({ ctx }) => listAuditActors({ ctx: ctx.project })),
});
