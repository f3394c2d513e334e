// Turns an error (and its cause chain) into a log-safe object. Database errors are the reason this
// is an allow-list: a driver's message and properties can carry the statement's parameters (a
// failed insert once logged a password hash), so only the statement text, the PostgreSQL code and
// message, and the names of the objects involved are kept.

export interface SerializedError {
  type: string;
  message: string;
  code?: string;
  query?: string;
  severity?: string;
  constraint?: string;
  table?: string;
  column?: string;
  stack?: string;
  cause?: SerializedError | string;
}

const MAX_DEPTH = 5;
const MAX_QUERY = 1_000;

function pickString(err: object, key: string): string | undefined {
  const v = (err as Record<string, unknown>)[key];
  return typeof v === "string" && v ? v : undefined;
}

function isDatabaseError(err: Error): boolean {
  const code = pickString(err, "code");
  // PostgreSQL SQLSTATE codes are five characters; both drivers attach them with a severity.
  return !!code && /^[0-9A-Z]{5}$/.test(code) && pickString(err, "severity") !== undefined;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function stackFrames(err: Error): string | undefined {
  // Only the frames: the first line of a stack repeats the message, which may carry parameters.
  const frames = err.stack?.split("\n").filter((l) => l.trimStart().startsWith("at "));
  return frames?.length ? frames.slice(0, 12).join("\n") : undefined;
}

export function serializeError(err: unknown, depth = 0): SerializedError | string {
  if (!(err instanceof Error)) return typeof err === "string" ? err : String(err);
  const out: SerializedError = { type: err.name || err.constructor?.name || "Error", message: err.message };
  if (isDatabaseError(err)) {
    out.code = pickString(err, "code");
    out.severity = pickString(err, "severity");
    out.constraint = pickString(err, "constraint") ?? pickString(err, "constraint_name");
    out.table = pickString(err, "table") ?? pickString(err, "table_name");
    out.column = pickString(err, "column") ?? pickString(err, "column_name");
    const query = pickString(err, "query");
    if (query) out.query = truncate(query, MAX_QUERY);
  } else if (err.constructor?.name === "DrizzleQueryError" || ("query" in err && "params" in err)) {
    // Drizzle's message is "Failed query: <sql>\nparams: <values>": keep the text, drop the values.
    out.type = "DrizzleQueryError";
    out.message = "Failed query";
    const query = pickString(err, "query");
    if (query) out.query = truncate(query, MAX_QUERY);
  } else {
    const code = pickString(err, "code");
    if (code) out.code = code;
  }
  const stack = stackFrames(err);
  if (stack) out.stack = stack;
  if (err.cause !== undefined && depth < MAX_DEPTH) out.cause = serializeError(err.cause, depth + 1);
  for (const key of Object.keys(out) as (keyof SerializedError)[]) if (out[key] === undefined) delete out[key];
  return out;
}

/** One line that says what went wrong without a statement's parameters (a failed query's cause). */
export function safeMessage(err: unknown): string {
  const s = serializeError(err);
  if (typeof s === "string") return s.split("\n")[0]!;
  const cause = typeof s.cause === "object" ? s.cause : undefined;
  const line = s.type === "DrizzleQueryError" && cause ? `${cause.code ? `${cause.code} ` : ""}${cause.message}` : s.message;
  return line.split("\n")[0]!;
}
