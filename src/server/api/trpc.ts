import { initTRPC } from "@trpc/server";
import { transformer } from "@/lib/trpc-transformer";
import { z } from "zod";
import { authorizeProject } from "@/server/authz/project-access";
import { requirePickerMayCall } from "@/server/authz/picker";
import { requireMayCreateProjects, requirePlatformAdmin, requireSignedIn } from "@/server/authz/platform";
import { actorOf, userPrincipal, type Principal } from "@/server/authz/principal";
import { ZProjectId } from "@/schemas/projects";
import type { ProjectRole } from "@/server/context";
import type { Db } from "@/server/db/types";
import { UnauthorizedError } from "@/server/errors";
import type { SessionUser } from "@/server/users/authenticate";
import { fieldErrorsOf, toTRPCError } from "./error-map";

export interface TRPCContext {
  db: Db;
  /** Who is asking (src/server/authz); built per request by createRequestContext. */
  principal?: Principal;
  /** Shorthand for server-side callers and tests: a person signed in to this app. Ignored when `principal` is set. */
  user?: SessionUser | null;
  /** Origin the request came to (OAuth redirect URLs use it when APP_URL is not set). */
  requestOrigin?: string | null;
}

/**
 * What a procedure needs, declared by the builder it is made from (never written by hand): the
 * security suite reads it to call every procedure as everyone who must be refused.
 */
export type ProcedureAccess = "PUBLIC" | "SIGNED_IN" | "PROJECT_CREATOR" | ProjectRole | "PLATFORM_ADMIN";
export interface ProcedureMeta {
  access: ProcedureAccess;
}

const t = initTRPC
  .context<TRPCContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer,
    errorFormatter({ shape, error }) {
      return { ...shape, data: { ...shape.data, stack: undefined, fieldErrors: fieldErrorsOf(error.cause) } };
    },
  });

const mapErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error, path);
  return result;
});

/**
 * Every procedure starts here. A picker session may call only what its capability lists
 * (src/server/authz/picker.ts): a procedure nobody listed is refused to it by default.
 */
const whoIsAsking = t.middleware(async ({ ctx, next, path, getRawInput }) => {
  const principal = ctx.principal ?? userPrincipal(ctx.user);
  if (principal.kind === "picker") requirePickerMayCall(path, await getRawInput());
  return next({ ctx: { ...ctx, principal } });
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapErrors).use(whoIsAsking).meta({ access: "PUBLIC" });

/** A person signed in to this app itself: never the picker, never an API key. */
export const protectedProcedure = publicProcedure
  .use(({ ctx, next }) => {
    const user = requireSignedIn(ctx.principal);
    return next({ ctx: { ...ctx, user, actor: actorOf(ctx.principal) } });
  })
  .meta({ access: "SIGNED_IN" });

export const ZProjectScoped = z.object({ projectId: ZProjectId });

// Anonymous callers are refused before their input is even parsed.
const someoneProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.principal.kind === "anonymous") throw new UnauthorizedError();
  return next();
});

/** Procedures on one project declare the role they need; membership and role are checked in authz. */
export function projectProcedure(minRole: ProjectRole) {
  return someoneProcedure
    .input(ZProjectScoped)
    .use(async ({ ctx, input, next }) => {
      const project = await authorizeProject(ctx.db, ctx.principal, input.projectId, minRole);
      return next({ ctx: { ...ctx, project, actor: project.actor } });
    })
    .meta({ access: minRole });
}

export const platformAdminProcedure = publicProcedure
  .use(({ ctx, next }) => {
    const user = requirePlatformAdmin(ctx.principal);
    return next({ ctx: { ...ctx, user, actor: actorOf(ctx.principal) } });
  })
  .meta({ access: "PLATFORM_ADMIN" });

/** Project creation follows the platform setting (Admin → Settings): platform admins only, or everyone. */
export const projectCreatorProcedure = protectedProcedure
  .use(async ({ ctx, next }) => {
    await requireMayCreateProjects(ctx.db, ctx.principal);
    return next();
  })
  .meta({ access: "PROJECT_CREATOR" });
