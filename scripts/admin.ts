import { commands } from "../src/cli/commands";
import { closeDatabase } from "../src/server/db/client";
import { setLogDestination } from "../src/server/log";

// npm run admin -- <command> [options]: operator commands on this installation's database
// (embedded or DATABASE_URL), run as "system (cli)" in the audit trail.
async function main(): Promise<number> {
  // stdout carries the command's own output; log lines go to stderr.
  setLogDestination(process.stderr);
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`${name ? `Unknown command “${name}”.\n` : ""}Usage: npm run admin -- <command>\n\n`);
    for (const [n, c] of Object.entries(commands)) process.stderr.write(`  ${n.padEnd(22)} ${c.summary}\n`);
    return name ? 1 : 0;
  }
  try {
    return await command.run(args, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
  } finally {
    await closeDatabase().catch(() => {});
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
