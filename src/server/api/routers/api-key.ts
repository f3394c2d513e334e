import { z } from "zod";
import { createApiKey } from "@/server/api-tokens/create-api-key";
import { listApiKeys } from "@/server/api-tokens/list-api-keys";
import { revokeApiKey } from "@/server/api-tokens/revoke-api-key";
import { ZApiKeyId, ZCreateApiKeyInput } from "@/schemas/api-keys";
import { createTRPCRouter, projectProcedure } from "../trpc";

export const apiKeyRouter = createTRPCRouter({
  list: projectProcedure("ADMIN").query(({ ctx }) => listApiKeys({ ctx: ctx.project })),
  create: projectProcedure("ADMIN")
    .input(ZCreateApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey({ ctx: ctx.project, input })),
  revoke: projectProcedure("ADMIN")
    .input(z.object({ keyId: ZApiKeyId }))
    .mutation(({ ctx, input }) => revokeApiKey({ ctx: ctx.project, input })),
});
