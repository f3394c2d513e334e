import { spawn } from "node:child_process";
import { PassThrough, Readable } from "node:stream";
import { commands } from "@/cli/commands";
import type { CliIO } from "@/cli/io";
import { runCli } from "@/cli/run";

/** Runs an admin CLI command in this process with captured streams. */
export async function cli(argv: string[], stdin = ""): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const input = new PassThrough();
  input.end(stdin);
  const io: CliIO = { stdin: input, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** Runs a script of this repository in its own process (tsx), as an operator would. */
export function runScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", LOG_LEVEL: "warn", ...env },
      cwd: process.cwd(),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `npm run admin -- <name> …args` in-process with `stdinText` piped in; returns its code and output. */
export async function runCommand(name: string, args: string[], stdinText = "") {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (c) => out.push(String(c)));
  stderr.on("data", (c) => err.push(String(c)));
  const code = await commands[name]!.run(args, { stdin: Readable.from([stdinText]), stdout, stderr });
  return { code, stdout: out.join(""), stderr: err.join("") };
}
