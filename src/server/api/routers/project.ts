import { createProject } from "@/server/projects/create-project";
import { deleteProject } from "@/server/projects/delete-project";
import { renameProject } from "@/server/projects/rename-project";
import { getProject } from "@/server/projects/get-project";
import { listMyProjects } from "@/server/projects/list-my-projects";
import { ZCreateProjectInput, ZDeleteProjectInput, ZRenameProjectInput } from "@/schemas/projects";
import { mayCreateProjects } from "@/server/authz/platform";
import { createTRPCRouter, projectCreatorProcedure, projectProcedure, protectedProcedure } from "../trpc";

export const projectRouter = createTRPCRouter({
  listMine: protectedProcedure.query(({ ctx }) => listMyProjects(ctx.db, ctx.user.id)),
  get: projectProcedure("VIEWER").query(({ ctx }) => getProject({ ctx: ctx.project })),
  /** Whether to offer "New project" to this person. */
  mayCreate: protectedProcedure.query(({ ctx }) => mayCreateProjects(ctx.db, ctx.principal)),
  create: projectCreatorProcedure.input(ZCreateProjectInput).mutation(({ ctx, input }) => createProject({ ctx, input })),
  // Outside the picker's capability (src/server/authz/picker.ts), so a picker token is refused here.
  rename: projectProcedure("ADMIN")
    .input(ZRenameProjectInput)
    .mutation(({ ctx, input }) => renameProject({ ctx: ctx.project, input })),
  delete: projectProcedure("ADMIN")
    .input(ZDeleteProjectInput)
    .mutation(({ ctx, input }) => deleteProject({ ctx: ctx.project, input })),
});
