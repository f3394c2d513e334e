import { exportConnections } from "@/server/transfer/export-connections";
import { importConnections } from "@/server/transfer/import-connections";
import { ZExportInput, ZImportInput } from "@/schemas/transfer";
import { createTRPCRouter, projectProcedure } from "../trpc";

// An export holds every decrypted credential of the project: project admins only. The picker's
// capability (src/server/authz/picker.ts) does not include these, so a picker token is refused.
const adminOnly = projectProcedure("ADMIN");

export const transferRouter = createTRPCRouter({
  export: adminOnly.input(ZExportInput).mutation(({ ctx, input }) => exportConnections({ ctx: ctx.project, input })),
  import: adminOnly.input(ZImportInput).mutation(({ ctx, input }) => importConnections({ ctx: ctx.project, input })),
});
