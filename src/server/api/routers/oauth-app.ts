import { listOAuthApps } from "@/server/oauth/apps/list-oauth-apps";
import { removeOAuthApp } from "@/server/oauth/apps/remove-oauth-app";
import { setOAuthApp } from "@/server/oauth/apps/set-oauth-app";
import { ZOAuthPieceInput, ZSetOAuthAppInput } from "@/schemas/oauth";
import { createTRPCRouter, platformAdminProcedure } from "../trpc";

// Admin → OAuth apps: platform admins only.
export const oauthAppRouter = createTRPCRouter({
  list: platformAdminProcedure.query(({ ctx }) => listOAuthApps({ ctx })),
  set: platformAdminProcedure.input(ZSetOAuthAppInput).mutation(({ ctx, input }) => setOAuthApp({ ctx, input })),
  remove: platformAdminProcedure.input(ZOAuthPieceInput).mutation(({ ctx, input }) => removeOAuthApp({ ctx, input })),
});
