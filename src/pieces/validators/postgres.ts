import postgres from "postgres";
import { checkTarget, TargetRefusedError, type CheckedTarget } from "./network-policy";
import { describeNetworkCode, fail, isTransientError, networkCode, customProps, type Validator, type ValidationResult } from "./types";

interface Target {
  host: string;
  port: number;
  database: string;
  user: string;
  ssl: boolean;
}

function describeError(error: unknown, target: Target): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === "string" ? message : "";
  const where = `${target.host}:${target.port}`;
  switch (code) {
    case "28P01":
      return `Authentication failed for user "${target.user}": check the user name and password.`;
    case "28000":
      if (/not permitted to log in/i.test(text)) return `The role "${target.user}" is not allowed to log in.`;
      if (/pg_hba/i.test(text)) {
        return `The server does not accept connections from this host for user "${target.user}"${target.ssl ? "" : " without SSL: try enabling SSL"}.`;
      }
      return `Authentication failed for user "${target.user}": check the user name and password.`;
    case "3D000":
      return `Database "${target.database}" does not exist on ${where}.`;
    case "53300":
      return `${where} has too many connections open; try again later.`;
    case "CONNECT_TIMEOUT":
      return `Could not connect to PostgreSQL at ${where}.`;
  }
  if (/ssl|tls|secure/i.test(text) || (target.ssl && code === "ECONNRESET")) {
    return `Could not open an SSL connection to ${where}: the server may not support SSL.`;
  }
  const networkReason = describeNetworkCode(networkCode(error));
  if (networkReason === "host not found") return `Host "${target.host}" was not found.`;
  // Closed, filtered or open to something else: one answer, so this is no port scanner.
  return `Could not connect to PostgreSQL at ${where}.`;
}

export const validatePostgres: Validator = async ({ value, signal, timeoutMs, setUnreachableMessage }): Promise<ValidationResult> => {
  const props = customProps(value);
  const target: Target = {
    host: props.text("host") ?? "",
    port: props.number("port") ?? 5432,
    database: props.text("database") ?? "",
    user: props.text("user") ?? "",
    ssl: props.flag("ssl"),
  };
  // An empty host would make the driver fall back to PGHOST or localhost.
  if (!target.host || !target.database || !target.user) return fail("Host, database and user are required.");
  let checked: CheckedTarget;
  try {
    checked = await checkTarget(target.host);
  } catch (error) {
    if (error instanceof TargetRefusedError) return fail(error.message);
    return fail(describeError(error, target), isTransientError(error));
  }
  setUnreachableMessage?.(`Could not connect to PostgreSQL at ${target.host}:${target.port}.`);
  const sql = postgres({
    // The checked address itself: a second DNS answer cannot move the connection elsewhere.
    host: checked.address,
    port: target.port,
    database: target.database,
    username: target.user,
    password: props.text("password") ?? "",
    // "require" encrypts without verifying the certificate, like libpq's sslmode=require.
    ssl: target.ssl ? "require" : false,
    max: 1,
    // One second beyond the caller's timeout, so the caller's clearer message wins the race.
    connect_timeout: Math.ceil(timeoutMs / 1000) + 1,
    idle_timeout: 1,
    prepare: false,
    onnotice: () => {},
    connection: { application_name: "connections-manager validation" },
  });
  const stop = () => void sql.end({ timeout: 0 }).catch(() => {});
  signal.addEventListener("abort", stop, { once: true });
  try {
    await sql`select 1`;
    return { ok: true };
  } catch (error) {
    const message = describeError(error, target);
    // An SSL mismatch resets the socket, but it is a setting to fix, not an outage.
    return fail(message, isTransientError(error) && !message.startsWith("Could not open an SSL"));
  } finally {
    signal.removeEventListener("abort", stop);
    await sql.end({ timeout: 0 }).catch(() => {});
  }
};
