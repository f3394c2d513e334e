/**
 * Operator commands against the configured database (DATABASE_URL, or the embedded one in DATA_DIR;
 * stop the app first with the embedded database: one process at a time may open it).
 *
 *   npm run admin -- <command> [args]      npm run admin -- help
 */
import { commands } from "../src/cli/commands/index";

const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };
const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;

if (!command) {
  if (name && name !== "help") io.err(`Unknown command: ${name}`);
  io.out("Commands:");
  for (const [n, c] of Object.entries(commands)) io.out(`  ${n.padEnd(16)} ${c.summary}`);
  process.exit(name && name !== "help" ? 2 : 0);
}

command
  .run(args, io)
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    io.err(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
