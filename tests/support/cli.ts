import { PassThrough, Readable } from "node:stream";
import { commands } from "@/cli/commands";

/** Runs `npm run admin -- <name> …args` in-process with `stdinText` piped in; returns its code and output. */
export async function runCli(name: string, args: string[], stdinText = "") {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (c) => out.push(String(c)));
  stderr.on("data", (c) => err.push(String(c)));
  const code = await commands[name]!.run(args, { stdin: Readable.from([stdinText]), stdout, stderr });
  return { code, stdout: out.join(""), stderr: err.join("") };
}
