import { Writable } from "node:stream";
import { resetEnvCache } from "@/env";
import { setLogDestination } from "@/server/log";

/** Sends the app's log lines to memory (at `debug`) until `stop()`; `lines()` parses each as JSON. */
export function captureLogs() {
  const chunks: string[] = [];
  const previous = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = "debug";
  resetEnvCache();
  setLogDestination(
    new Writable({
      write(chunk, _enc, done) {
        chunks.push(String(chunk));
        done();
      },
    }),
  );
  return {
    raw: () => chunks.join(""),
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown> & { msg: string; level: string }),
    stop: () => {
      process.env.LOG_LEVEL = previous;
      resetEnvCache();
      setLogDestination(undefined);
    },
  };
}
