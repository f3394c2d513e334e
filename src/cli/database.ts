import type { ServiceCtx } from "@/server/context";
import { closeDatabase, DatabaseStartupError, getDatabase } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { CliIO } from "./io";

export { CLI_ACTOR } from "./io";
import { CLI_ACTOR } from "./io";

/**
 * Opens the configured database (DATABASE_URL, else the embedded one in DATA_DIR — refused at once
 * while another process holds it), runs `fn`, and always closes it so the data folder is released.
 * Typed service errors and start-up problems become one line on stderr and exit code 1.
 */
export async function withCliDatabase(io: CliIO, fn: (ctx: ServiceCtx) => Promise<number>): Promise<number> {
  try {
    const { db } = await getDatabase();
    return await fn({ db, actor: CLI_ACTOR });
  } catch (err) {
    if (err instanceof DatabaseStartupError || err instanceof AppError) {
      io.stderr.write(`Error: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await closeDatabase().catch(() => {});
  }
}

/** The one positional argument a users:* command takes, or a usage line and exit code 2. */
export function emailArgument(args: string[], io: CliIO, usage: string): string | null {
  const email = args.find((a) => !a.startsWith("--"));
  if (email) return email;
  io.stderr.write(`Usage: npm run admin -- ${usage}\n`);
  return null;
}
