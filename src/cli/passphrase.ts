import { getEnv } from "@/env";
import type { CliIO } from "./io";

/** Reads one line typed at the terminal without echoing it. */
function promptHidden(io: CliIO, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = io.stdin;
    io.stderr.write(question);
    stdin.setRawMode?.(true);
    stdin.resume();
    let typed = "";
    const done = (result: string | Error) => {
      stdin.setRawMode?.(false);
      stdin.pause();
      stdin.off("data", onData);
      io.stderr.write("\n");
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === "\r" || ch === "\n") return done(typed);
        if (ch === "\u0003") return done(new Error("Cancelled"));
        if (ch === "\u007f" || ch === "\b") typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on("data", onData);
  });
}

/** The first line piped into the command (scripts: `printf '%s\n' "$PASS" | npm run admin -- …`). */
async function readLine(io: CliIO): Promise<string> {
  let text = "";
  for await (const chunk of io.stdin) {
    text += String(chunk);
    if (text.includes("\n")) break;
  }
  return text.split(/\r?\n/)[0] ?? "";
}

/**
 * The passphrase from EXPORT_PASSPHRASE, else a hidden prompt at a terminal (asked twice when
 * `confirm`), else the first line of stdin — never from an argument, which would land in the
 * shell history and the process list.
 */
export async function readPassphrase(io: CliIO, opts: { confirm: boolean }): Promise<string> {
  const fromEnv = getEnv().EXPORT_PASSPHRASE;
  if (fromEnv) return fromEnv;
  if (!io.stdin.isTTY) return readLine(io);
  const first = await promptHidden(io, "Passphrase: ");
  if (opts.confirm && (await promptHidden(io, "Repeat the passphrase: ")) !== first) throw new Error("The passphrases differ");
  return first;
}
