import type { Readable, Writable } from "node:stream";
import type { Actor } from "@/server/context";

/** The streams a command talks through, so tests can drive it without a terminal. */
export interface CliIO {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stdout: Writable;
  stderr: Writable;
}

export interface CliCommand {
  summary: string;
  /** Resolves to the process exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

export const CLI_ACTOR: Actor = { type: "SYSTEM", id: null, label: "system (cli)" };
