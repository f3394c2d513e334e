import type { Actor } from "@/server/context";

/** What a command may touch: tests drive commands with their own streams, without a terminal. */
export interface CliIO {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export interface CliCommand {
  summary: string;
  /** Returns the process exit code: 0 done, 1 failed, 2 wrong usage. */
  run(args: string[], io: CliIO): Promise<number>;
}

export function processIO(): CliIO {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** Fixed-width columns for listings (no colours: output is often piped). */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n") + "\n";
}

/** Who changed it, in the audit trail, when the change came from the admin CLI. */
export const CLI_ACTOR: Actor = { type: "SYSTEM", id: null, label: "system (cli)" };
