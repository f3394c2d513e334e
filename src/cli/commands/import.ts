import { readFileSync } from "node:fs";
import { getDatabase } from "@/server/db/client";
import { findProjectByRef } from "@/server/projects/find-project-by-ref";
import { importConnections } from "@/server/transfer/import-connections";
import { parseArgs } from "../args";
import { CLI_ACTOR, type CliCommand } from "../io";
import { readPassphrase } from "../passphrase";
import { reportFailure } from "../report";

export const importCommand: CliCommand = {
  summary: "import --project <id|name> --in <file> [--rename|--skip]   re-seal an export into a project, in one transaction",
  async run(args, io) {
    try {
      const { options, flags } = parseArgs(args, { options: ["project", "in"], flags: ["rename", "skip"] });
      if (!options.project || !options.in) throw new Error("Usage: import --project <id|name> --in <file> [--rename|--skip]");
      if (flags.has("rename") && flags.has("skip")) throw new Error("Choose one of --rename and --skip");
      const file = readFileSync(options.in, "utf8");
      const { db } = await getDatabase();
      const project = await findProjectByRef(db, options.project);
      const passphrase = await readPassphrase(io, { confirm: false });
      const onConflict = flags.has("rename") ? "rename" : flags.has("skip") ? "skip" : "stop";
      const s = await importConnections({ ctx: { db, actor: CLI_ACTOR, projectId: project.id, role: "ADMIN" }, input: { file, passphrase, onConflict } });
      io.stdout.write(`Imported ${s.connections} connections, ${s.flows} flows and ${s.oauthApps} OAuth apps into “${project.name}”`);
      io.stdout.write(`${s.renamed ? `; ${s.renamed} renamed` : ""}${s.skipped ? `; ${s.skipped} skipped` : ""}\n`);
      if (s.oauthAppsKept)
        io.stdout.write(`${s.oauthAppsKept} OAuth apps of the file were not imported: this installation already has its own client for those apps\n`);
      return 0;
    } catch (err) {
      return reportFailure(io, err);
    }
  },
};
