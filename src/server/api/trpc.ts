import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import { ZProjectId } from "@/schemas/projects";
import type { ProjectRole } from "@/server/context";
import type { Db } from "@/server/db/types";
import { NotFoundError, UnauthorizedError } from "@/server/errors";
import { requireProjectAccess } from "@/server/projects/require-membership";
import type { SessionUser } from "@/server/users/authenticate";
import { fieldErrorsOf, toTRPCError } from "./error-map";

export interface TRPCContext {
  db: Db;
  user: SessionUser | null;
  /** Origin the request came to (OAuth redirect URLs use it when APP_URL is not set). */
  requestOrigin?: string | null;
  /** Set for the embedded picker's bearer token: the one project it may reach. */
  embedProjectId?: string | null;
}

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    return { ...shape, data: { ...shape.data, stack: undefined, fieldErrors: fieldErrorsOf(error.cause) } };
  },
});

const mapErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error, path);
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapErrors);

const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new UnauthorizedError();
  const user = ctx.user;
  return next({ ctx: { ...ctx, user, actor: { type: "USER" as const, id: user.id, label: user.email } } });
});

/** Signed-in people; the embedded picker's token only reaches project procedures. */
export const protectedProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.embedProjectId) throw new UnauthorizedError("Not available in the embedded picker");
  return next();
});

export const ZProjectScoped = z.object({ projectId: ZProjectId });

/** Procedures on one project: membership and role are checked here, once, for every caller. */
export function projectProcedure(minRole: ProjectRole) {
  return authedProcedure.input(ZProjectScoped).use(async ({ ctx, input, next }) => {
    if (ctx.embedProjectId && ctx.embedProjectId !== input.projectId) throw new NotFoundError("Project");
    const project = await requireProjectAccess(ctx.db, ctx.actor, input.projectId, minRole);
    return next({ ctx: { ...ctx, project } });
  });
}

export const platformAdminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!ctx.user.isPlatformAdmin) throw new TRPCError({ code: "FORBIDDEN", message: "Only platform admins can do this" });
  return next();
});
