import { z } from "zod";
import { createConnection } from "@/server/connections/create-connection";
import { getConnection } from "@/server/connections/get-connection";
import { listConnections } from "@/server/connections/list-connections";
import { reconnectConnection, updateConnection } from "@/server/connections/update-or-reconnect-connection";
import { ZConnectionId, ZCreateConnectionInput, ZListConnectionsInput, ZReconnectConnectionInput, ZUpdateConnectionInput } from "@/schemas/connections";
import { createTRPCRouter, projectProcedure } from "../trpc";

// Credentials are parsed by each app's own schema inside the service, so a form error can name
// the exact field; the router only checks the envelope.
export const connectionRouter = createTRPCRouter({
  list: projectProcedure("VIEWER")
    .input(ZListConnectionsInput)
    .query(({ ctx, input }) => listConnections({ ctx: ctx.project, input })),
  get: projectProcedure("VIEWER")
    .input(z.object({ connectionId: ZConnectionId }))
    .query(({ ctx, input }) => getConnection({ ctx: ctx.project, input })),
  create: projectProcedure("EDITOR")
    .input(ZCreateConnectionInput)
    .mutation(({ ctx, input }) => createConnection({ ctx: ctx.project, input })),
  update: projectProcedure("EDITOR")
    .input(ZUpdateConnectionInput)
    .mutation(({ ctx, input }) => updateConnection({ ctx: ctx.project, input })),
  reconnect: projectProcedure("EDITOR")
    .input(ZReconnectConnectionInput)
    .mutation(({ ctx, input }) => reconnectConnection({ ctx: ctx.project, input })),
});
