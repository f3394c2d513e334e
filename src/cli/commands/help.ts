import type { CliCommand } from "../io";

/** `help` lists the registry it is given, so it needs no import back into index.ts. */
export const helpFor = (registry: () => Record<string, CliCommand>): CliCommand => ({
  summary: "show the commands",
  async run(_args, io) {
    const commands = registry();
    const width = Math.max(...Object.keys(commands).map((n) => n.length));
    const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
    io.stdout.write(
      [
        "Usage: npm run admin -- <command> [arguments]",
        "",
        "Works on the configured database: DATABASE_URL, else the embedded one in DATA_DIR (stop the app first).",
        "",
        "Commands:",
        ...lines,
        "",
      ].join("\n"),
    );
    return 0;
  },
});
