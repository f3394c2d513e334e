import type { CliCommand } from "../io";

export const help: CliCommand = {
  summary: "show the commands",
  async run(_args, io) {
    // Imported when run: the registry imports this command too.
    const { commands } = await import("./index");
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
};
