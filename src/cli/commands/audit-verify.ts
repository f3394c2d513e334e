import { verifyAuditChain } from "@/server/audit/verify-chain";
import { withCliDatabase } from "../database";
import type { CliCommand } from "../io";

function projectArg(args: string[]): string | undefined | null {
  const i = args.indexOf("--project");
  if (i === -1) return undefined;
  const id = args[i + 1];
  return !id || id.startsWith("--") ? null : id;
}

export const auditVerify: CliCommand = {
  summary: "walk the audit hash chains (every project and the platform, or --project <id>) and report the first break",
  async run(args, io) {
    const projectId = projectArg(args);
    if (projectId === null) {
      io.stderr.write("Usage: npm run admin -- audit:verify [--project <id>]\n");
      return 2;
    }
    return withCliDatabase(io, async (ctx) => {
      const report = await verifyAuditChain({ db: ctx.db, projectId });
      if (report.firstBreak) {
        const b = report.firstBreak;
        io.stderr.write(`BROKEN: ${b.projectId ? `project ${b.projectId}` : "platform"} chain: ${b.reason}\n`);
        return 1;
      }
      io.stdout.write(`OK: ${report.rows} events in ${report.chains} chain(s) verify.\n`);
      for (const h of report.heads) io.stdout.write(`  ${h.projectId ?? "platform"}  #${h.seq}  ${h.hash}\n`);
      return 0;
    });
  },
};
