import pino, { type DestinationStream, type Logger } from "pino";
import pinoPretty from "pino-pretty";
import { getEnv } from "@/env";
import { currentRequest } from "@/server/observability/request-context";
import { REDACT_PATHS, REDACTED, redactFields } from "@/server/observability/redact";

type Level = "debug" | "info" | "warn" | "error";
type Fields = Record<string, unknown>;

// One logger per process, shared by server.ts and Next's bundled copy of this module.
const LOGGER_KEY = Symbol.for("connections-manager.logger");
interface LoggerState {
  logger: Logger;
  destination?: DestinationStream;
}
type GlobalWithLogger = typeof globalThis & { [LOGGER_KEY]?: LoggerState };

function settings(): { level: Level; format: "json" | "pretty" } {
  try {
    const env = getEnv();
    return { level: env.LOG_LEVEL, format: env.LOG_FORMAT };
  } catch {
    return { level: "info", format: "json" };
  }
}

function build(destination?: DestinationStream): Logger {
  const { level, format } = settings();
  const stream =
    destination ??
    (format === "pretty"
      ? pinoPretty({ colorize: true, sync: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" })
      : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      // Every line of a request carries its id, wherever in the code it is logged from.
      mixin: () => {
        const req = currentRequest();
        return req ? { requestId: req.requestId } : {};
      },
    },
    stream,
  );
}

function state(): LoggerState {
  const g = globalThis as GlobalWithLogger;
  g[LOGGER_KEY] ??= { logger: build() };
  return g[LOGGER_KEY];
}

/** Sends every later line to `destination` (tests capture the output this way); undefined restores stdout. */
export function setLogDestination(destination?: DestinationStream): void {
  (globalThis as GlobalWithLogger)[LOGGER_KEY] = { logger: build(destination), destination };
}

function write(level: Level, msg: string, fields?: Fields) {
  const logger = state().logger;
  if (!logger.isLevelEnabled(level)) return;
  if (fields && Object.keys(fields).length) logger[level](redactFields(fields) as Fields, msg);
  else logger[level](msg);
}

/** Whether lines of this level are written at all: lets a hot path skip building their fields. */
export function logs(level: Level): boolean {
  return state().logger.isLevelEnabled(level);
}

/** Kept for callers that build their own safe copy of fields. */
export function redact(fields: Fields): Fields {
  return redactFields(fields) as Fields;
}

export const log = {
  debug: (msg: string, fields?: Fields) => write("debug", msg, fields),
  info: (msg: string, fields?: Fields) => write("info", msg, fields),
  warn: (msg: string, fields?: Fields) => write("warn", msg, fields),
  error: (msg: string, fields?: Fields) => write("error", msg, fields),
};
