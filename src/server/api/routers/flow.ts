import { z } from "zod";
import { getFlow } from "@/server/flows/get-flow";
import { listFlows } from "@/server/flows/list-flows";
import { ZFlowId, ZListFlowsInput } from "@/schemas/flows";
import { createTRPCRouter, projectProcedure } from "../trpc";

// Flows are written by the workflow editor over the engine API and by Replace (a server action).
export const flowRouter = createTRPCRouter({
  list: projectProcedure("VIEWER")
    .input(ZListFlowsInput)
    .query(({ ctx, input }) => listFlows({ ctx: ctx.project, input })),
  get: projectProcedure("VIEWER")
    .input(z.object({ flowId: ZFlowId }))
    .query(({ ctx, input }) => getFlow({ ctx: ctx.project, input })),
});
