import { PassThrough, Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import type { CliIO } from "./io";
import { readPassphrase } from "./passphrase";

function terminal(keys: string[]) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[] });
  const stderr = new PassThrough();
  const io: CliIO = {
    stdin: Object.assign(stdin, { setRawMode: (raw: boolean) => stdin.rawModes.push(raw) }),
    stdout: new PassThrough(),
    stderr,
  };
  let shown = "";
  stderr.on("data", (c) => (shown += String(c)));
  // Keys arrive one by one after each prompt is written, as a person types them.
  let next = 0;
  stderr.on("data", (c) => {
    if (String(c).endsWith(": ")) setTimeout(() => stdin.write(keys[next++] ?? ""), 5);
  });
  return { io, stdin, shown: () => shown };
}

afterEach(() => {
  delete process.env.EXPORT_PASSPHRASE;
  resetEnvCache();
});

describe("readPassphrase", () => {
  it("prompts at a terminal in raw mode without echoing what is typed, and handles backspace", async () => {
    const t = terminal(["secretx\u007f-pass\r", "secret-pass\r"]);
    await expect(readPassphrase(t.io, { confirm: true })).resolves.toBe("secret-pass");
    expect(t.shown()).toContain("Passphrase: ");
    expect(t.shown()).toContain("Repeat the passphrase: ");
    expect(t.shown()).not.toContain("secret");
    expect(t.stdin.rawModes).toEqual([true, false, true, false]);
  });

  it("refuses two different answers", async () => {
    const t = terminal(["one-passphrase\r", "another-one\r"]);
    await expect(readPassphrase(t.io, { confirm: true })).rejects.toThrow(/differ/);
  });

  it("reads the first line of piped input, or EXPORT_PASSPHRASE before anything else", async () => {
    const piped = (text: string): CliIO => ({ stdin: Readable.from([text]), stdout: new PassThrough(), stderr: new PassThrough() });
    await expect(readPassphrase(piped("from-the-pipe\nignored\n"), { confirm: true })).resolves.toBe("from-the-pipe");
    process.env.EXPORT_PASSPHRASE = "from-the-environment";
    resetEnvCache();
    await expect(readPassphrase(piped("from-the-pipe\n"), { confirm: true })).resolves.toBe("from-the-environment");
  });
});
