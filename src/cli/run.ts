import { commands } from "./commands";
import type { CliIO } from "./io";

/** Dispatches `argv` (without node and the script) to its command; returns the exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h") return commands.help!.run([], io);
  const command = commands[name];
  if (!command) {
    io.stderr.write(`Unknown command: ${name}\n\n`);
    await commands.help!.run([], { ...io, stdout: io.stderr });
    return 2;
  }
  return command.run(args, io);
}
