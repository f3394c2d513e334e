import { listAllProjects } from "@/server/projects/list-all-projects";
import { withCliDatabase } from "../database";
import { formatTable, type CliCommand } from "../io";

export const projectsList: CliCommand = {
  summary: "list every project: id, name, members, connections, admins",
  run: (_args, io) =>
    withCliDatabase(io, async (ctx) => {
      const projects = await listAllProjects({ ctx });
      const rows = projects.map((p) => [p.id, p.name, String(p.members), String(p.connections), p.admins ?? "—"]);
      io.stdout.write(formatTable(["ID", "NAME", "MEMBERS", "CONNECTIONS", "ADMINS"], rows));
      return 0;
    }),
};
