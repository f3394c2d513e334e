import { listUserAccounts } from "@/server/admin/users";
import { withCliDatabase } from "../database";
import { formatTable, type CliCommand } from "../io";

export const usersList: CliCommand = {
  summary: "list every account: e-mail, name, role, status, projects",
  run: (_args, io) =>
    withCliDatabase(io, async (ctx) => {
      const users = await listUserAccounts({ ctx });
      const rows = users.map((u) => [
        u.email,
        u.name,
        u.isPlatformAdmin ? "platform admin" : "user",
        u.disabledAt ? "disabled" : u.mustChangePassword ? "must change password" : "active",
        String(u.projects),
      ]);
      io.stdout.write(formatTable(["EMAIL", "NAME", "ROLE", "STATUS", "PROJECTS"], rows));
      return 0;
    }),
};
