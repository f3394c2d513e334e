import { getOAuthClientStatus } from "@/server/oauth/apps/client-status";
import { completeAuthorization } from "@/server/oauth/authorize/complete-authorization";
import { startAuthorization } from "@/server/oauth/authorize/start-authorization";
import { ZCompleteOAuthInput, ZOAuthPieceInput, ZStartOAuthInput } from "@/schemas/oauth";
import { createTRPCRouter, projectProcedure } from "../trpc";

// OAuth2 connections: the popup's start, and what the form shows before it.
export const oauthRouter = createTRPCRouter({
  clientStatus: projectProcedure("VIEWER")
    .input(ZOAuthPieceInput)
    .query(({ ctx, input }) => getOAuthClientStatus({ ctx: { ...ctx.project, requestOrigin: ctx.requestOrigin }, input })),
  /** The popup's answer relayed by the opener when the popup had no session (the embedded picker). */
  complete: projectProcedure("EDITOR")
    .input(ZCompleteOAuthInput)
    .mutation(({ ctx, input }) =>
      completeAuthorization({
        ctx: { db: ctx.db, principal: ctx.principal },
        input: { params: new URLSearchParams(input.query), projectId: ctx.project.projectId },
      }),
    ),
  start: projectProcedure("EDITOR")
    .input(ZStartOAuthInput)
    .mutation(({ ctx, input }) => startAuthorization({ ctx: { ...ctx.project, requestOrigin: ctx.requestOrigin }, input })),
});
