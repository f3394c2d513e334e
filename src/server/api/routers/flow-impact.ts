import { listConnectionApps } from "@/server/connections/list-connection-apps";
import { listAffectedFlows } from "@/server/flows/list-affected-flows";
import { ZAffectedFlowsInput } from "@/schemas/flows";
import { createTRPCRouter, projectProcedure } from "../trpc";

// Reads for the Replace and Delete dialogs; the writes themselves are server actions.
export const flowImpactRouter = createTRPCRouter({
  affected: projectProcedure("VIEWER")
    .input(ZAffectedFlowsInput)
    .query(({ ctx, input }) => listAffectedFlows({ ctx: ctx.project, input })),
  apps: projectProcedure("VIEWER").query(({ ctx }) => listConnectionApps({ ctx: ctx.project })),
});
