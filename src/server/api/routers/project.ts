import { createProject } from "@/server/projects/create-project";
import { getProject } from "@/server/projects/get-project";
import { listMyProjects } from "@/server/projects/list-my-projects";
import { ZCreateProjectInput } from "@/schemas/projects";
import { createTRPCRouter, projectProcedure, protectedProcedure } from "../trpc";

export const projectRouter = createTRPCRouter({
  listMine: protectedProcedure.query(({ ctx }) => listMyProjects(ctx.db, ctx.user.id)),
  get: projectProcedure("VIEWER").query(({ ctx }) => getProject({ ctx: ctx.project })),
  create: protectedProcedure.input(ZCreateProjectInput).mutation(({ ctx, input }) => createProject({ ctx, input })),
});
