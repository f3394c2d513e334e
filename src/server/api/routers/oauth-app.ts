import { listPlatformEvents } from "@/server/audit/list-platform-events";
import { listOAuthApps } from "@/server/oauth/apps/list-oauth-apps";
import { removeOAuthApp } from "@/server/oauth/apps/remove-oauth-app";
import { setOAuthApp } from "@/server/oauth/apps/set-oauth-app";
import { ZOAuthPieceInput, ZSetOAuthAppInput } from "@/schemas/oauth";
import { createTRPCRouter, platformAdminProcedure } from "../trpc";

// Admin → OAuth apps: platform admins only.
export const oauthAppRouter = createTRPCRouter({
  list: platformAdminProcedure.query(({ ctx }) => listOAuthApps({ ctx })),
  set: platformAdminProcedure.input(ZSetOAuthAppInput).mutation(({ ctx, input }) => setOAuthApp({ ctx, input })),
  /** Who configured, replaced or removed which OAuth app, newest first. */
  events: platformAdminProcedure.query(({ ctx }) => listPlatformEvents({ ctx, kind: "oauth_app" })),
  remove: platformAdminProcedure.input(ZOAuthPieceInput).mutation(({ ctx, input }) => removeOAuthApp({ ctx, input })),
});
