import { z } from "zod";
import { assertCanWrite } from "@/server/connections/assert-can-write";
import { getConnection } from "@/server/connections/get-connection";
import { recheckConnection } from "@/server/health/recheck-connection";
import { connectionHealthSummary } from "@/server/health/summary";
import { ZConnectionId } from "@/schemas/connections";
import { createTRPCRouter, projectProcedure } from "../trpc";

export const healthRouter = createTRPCRouter({
  summary: projectProcedure("VIEWER").query(({ ctx }) => connectionHealthSummary({ ctx: ctx.project })),
  recheck: projectProcedure("EDITOR")
    .input(z.object({ connectionId: ZConnectionId }))
    .mutation(async ({ ctx, input }) => {
      assertCanWrite(ctx.project);
      const result = await recheckConnection(ctx.db, ctx.project.projectId, input.connectionId, ctx.actor);
      const connection = await getConnection({ ctx: ctx.project, input });
      return { ...result, connection };
    }),
});
