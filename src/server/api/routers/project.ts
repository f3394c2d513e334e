import { createProject } from "@/server/projects/create-project";
import { deleteProject } from "@/server/projects/delete-project";
import { renameProject } from "@/server/projects/rename-project";
import { getProject } from "@/server/projects/get-project";
import { listMyProjects } from "@/server/projects/list-my-projects";
import { ZCreateProjectInput, ZDeleteProjectInput, ZRenameProjectInput } from "@/schemas/projects";
import { UnauthorizedError } from "@/server/errors";
import { createTRPCRouter, projectProcedure, protectedProcedure } from "../trpc";

/** Renaming or deleting a project is for people signed in to the app, never the embedded picker's token. */
const projectAdmin = projectProcedure("ADMIN").use(({ ctx, next }) => {
  if (ctx.embedProjectId) throw new UnauthorizedError("Not available in the embedded picker");
  return next();
});

export const projectRouter = createTRPCRouter({
  listMine: protectedProcedure.query(({ ctx }) => listMyProjects(ctx.db, ctx.user.id)),
  get: projectProcedure("VIEWER").query(({ ctx }) => getProject({ ctx: ctx.project })),
  create: protectedProcedure.input(ZCreateProjectInput).mutation(({ ctx, input }) => createProject({ ctx, input })),
  rename: projectAdmin
    .input(ZRenameProjectInput)
    .mutation(({ ctx, input }) => renameProject({ ctx: ctx.project, input })),
  delete: projectAdmin
    .input(ZDeleteProjectInput)
    .mutation(({ ctx, input }) => deleteProject({ ctx: ctx.project, input })),
});
