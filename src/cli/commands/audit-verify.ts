import { verifyAuditChain } from "@/server/audit/verify-chain";
import { closeDatabase, getDb } from "@/server/db/client";
import type { CliCommand } from "./index";

function projectArg(args: string[]): string | undefined {
  const i = args.indexOf("--project");
  if (i === -1) return undefined;
  const id = args[i + 1];
  if (!id || id.startsWith("--")) throw new Error("--project needs a project id");
  return id;
}

export const auditVerify: CliCommand = {
  summary: "walk the audit hash chains (every project and the platform, or --project <id>) and report the first break",
  async run(args, io) {
    const projectId = projectArg(args);
    try {
      const report = await verifyAuditChain({ db: await getDb(), projectId });
      if (report.firstBreak) {
        const b = report.firstBreak;
        io.err(`BROKEN: ${b.projectId ? `project ${b.projectId}` : "platform"} chain: ${b.reason}`);
        return 1;
      }
      io.out(`OK: ${report.rows} events in ${report.chains} chain(s) verify.`);
      for (const h of report.heads) io.out(`  ${h.projectId ?? "platform"}  #${h.seq}  ${h.hash}`);
      return 0;
    } finally {
      await closeDatabase();
    }
  },
};
