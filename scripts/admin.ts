/**
 * The admin CLI: npm run admin -- <command> (npm run admin -- help lists them). Works on the
 * configured database, like the app: DATABASE_URL, else the embedded one in DATA_DIR.
 */
import { processIO } from "../src/cli/io";
import { runCli } from "../src/cli/run";
import { closeDatabase } from "../src/server/db/client";
import { setLogDestination } from "../src/server/log";

// Start-up chatter (which database was opened) would mix with the command's own output.
process.env.LOG_LEVEL ||= "warn";
// stdout carries the command's own output; log lines go to stderr.
setLogDestination(process.stderr);

runCli(process.argv.slice(2), processIO())
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    console.error(`admin failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase().catch(() => {}));
