import { AppError } from "@/server/errors";
import { ImportConflictError } from "@/server/transfer/plan-import";
import type { CliIO } from "./io";

/** One readable message (and the conflict list) on stderr; exit code 1 for anything the user can fix. */
export function reportFailure(io: CliIO, err: unknown): number {
  if (err instanceof ImportConflictError) {
    io.stderr.write("Nothing was imported: these already exist in the project (use --rename or --skip):\n");
    for (const c of err.conflicts) io.stderr.write(`  ${c.kind}\t${c.value}\n`);
    return 1;
  }
  if (err instanceof AppError || (err instanceof Error && !(err as NodeJS.ErrnoException).code)) {
    io.stderr.write(`${err.message}\n`);
    return 1;
  }
  const e = err as NodeJS.ErrnoException;
  io.stderr.write(`${e.code === "ENOENT" ? `No such file: ${e.path}` : e.message}\n`);
  return 2;
}
