import { adminRouter } from "./routers/admin";
import { apiKeyRouter } from "./routers/api-key";
import { auditRouter } from "./routers/audit";
import { encryptionRouter } from "./routers/encryption";
import { healthRouter } from "./routers/health";
import { connectionRouter } from "./routers/connection";
import { flowRouter } from "./routers/flow";
import { flowImpactRouter } from "./routers/flow-impact";
import { memberRouter } from "./routers/member";
import { notificationsRouter } from "./routers/notifications";
import { oauthRouter } from "./routers/oauth";
import { oauthAppRouter } from "./routers/oauth-app";
import { projectRouter } from "./routers/project";
import { transferRouter } from "./routers/transfer";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  project: projectRouter,
  member: memberRouter,
  admin: adminRouter,
  connection: connectionRouter,
  flow: flowRouter,
  flowImpact: flowImpactRouter,
  apiKey: apiKeyRouter,
  notifications: notificationsRouter,
  audit: auditRouter,
  health: healthRouter,
  oauth: oauthRouter,
  oauthApp: oauthAppRouter,
  encryption: encryptionRouter,
  transfer: transferRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
