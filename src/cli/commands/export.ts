import { chmodSync, writeFileSync } from "node:fs";
import { getDatabase } from "@/server/db/client";
import { findProjectByRef } from "@/server/projects/find-project-by-ref";
import { exportConnections } from "@/server/transfer/export-connections";
import { parseArgs } from "../args";
import { CLI_ACTOR, type CliCommand } from "../io";
import { readPassphrase } from "../passphrase";
import { reportFailure } from "../report";

export const exportCommand: CliCommand = {
  summary: "export --project <id|name> --out <file>   connections (with values), OAuth-app settings and flows, sealed with a passphrase",
  async run(args, io) {
    try {
      const { options } = parseArgs(args, { options: ["project", "out"] });
      if (!options.project || !options.out) throw new Error("Usage: export --project <id|name> --out <file>");
      const { db } = await getDatabase();
      const project = await findProjectByRef(db, options.project);
      const passphrase = await readPassphrase(io, { confirm: true });
      const result = await exportConnections({ ctx: { db, actor: CLI_ACTOR, projectId: project.id, role: "ADMIN" }, input: { passphrase } });
      // Owner-only: the file holds every credential, however well sealed.
      writeFileSync(options.out, result.file, { mode: 0o600 });
      chmodSync(options.out, 0o600); // `mode` above only applies to a file that did not exist yet
      const { connections, flows, oauthApps, undecryptable } = result.counts;
      io.stdout.write(`Exported ${connections} connections, ${flows} flows and ${oauthApps} OAuth apps of “${project.name}” to ${options.out}\n`);
      if (undecryptable) io.stderr.write(`${undecryptable} connections could not be decrypted here; they are exported as Missing (Reconnect after import)\n`);
      return 0;
    } catch (err) {
      return reportFailure(io, err);
    }
  },
};
