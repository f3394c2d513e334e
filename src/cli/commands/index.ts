import { auditVerify } from "./audit-verify";

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface CliCommand {
  summary: string;
  /** Exit code: 0 success. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** `npm run admin -- <name> [args]`: one file per command in this folder. */
export const commands: Record<string, CliCommand> = {
  "audit:verify": auditVerify,
};
