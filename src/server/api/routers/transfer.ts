import { UnauthorizedError } from "@/server/errors";
import { exportConnections } from "@/server/transfer/export-connections";
import { importConnections } from "@/server/transfer/import-connections";
import { ZExportInput, ZImportInput } from "@/schemas/transfer";
import { createTRPCRouter, projectProcedure } from "../trpc";

// An export holds every decrypted credential of the project: people only, never the picker.
const adminOnly = projectProcedure("ADMIN").use(({ ctx, next }) => {
  if (ctx.embedProjectId) throw new UnauthorizedError("Not available in the embedded picker");
  return next();
});

export const transferRouter = createTRPCRouter({
  export: adminOnly.input(ZExportInput).mutation(({ ctx, input }) => exportConnections({ ctx: ctx.project, input })),
  import: adminOnly.input(ZImportInput).mutation(({ ctx, input }) => importConnections({ ctx: ctx.project, input })),
});
