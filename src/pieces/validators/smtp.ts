import { isIP } from "node:net";
import nodemailer from "nodemailer";
import { checkTarget, TargetRefusedError, type CheckedTarget } from "./network-policy";
import { customProps, describeNetworkCode, fail, isTransientError, networkCode, type ValidationResult, type Validator } from "./types";

const TLS_FAILURE = /certificate|self[- ]signed|ssl|tls|handshake|wrong version number/i;

function describeError(error: unknown, where: string, host: string, security: string): string {
  const { code, responseCode, message } = (error ?? {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
  if (code === "EAUTH") return "The SMTP server rejected the username or password.";
  if (code === "ENOAUTH") return "The SMTP server needs a username and password.";
  // nodemailer keeps only OpenSSL's text for TLS failures, not its error code.
  const tlsText = code === "ESOCKET" && typeof message === "string" && TLS_FAILURE.test(message) ? message : undefined;
  if (code === "ETLS" || tlsText) {
    const reason = tlsText && tlsText.length <= 80 ? ` (${tlsText})` : "";
    return `The TLS handshake with ${where} failed${reason}: check the Security setting (${security}) and port.`;
  }
  if (code === "EDNS") return `Host "${host}" was not found.`;
  const reason = describeNetworkCode(networkCode(error));
  if (reason === "host not found") return `Host "${host}" was not found.`;
  if (typeof responseCode === "number") return `${where} answered with an unexpected SMTP response (${responseCode}).`;
  // Closed, filtered, silent or speaking something else: one answer, so this is no port scanner.
  return `Could not connect to an SMTP server at ${where}.`;
}

export const validateSmtp: Validator = async ({ value, signal, timeoutMs, setUnreachableMessage }): Promise<ValidationResult> => {
  const props = customProps(value);
  const host = props.text("host") ?? "";
  const port = props.number("port") ?? 587;
  const security = props.text("security") ?? "starttls";
  const username = props.text("username");
  if (!host) return fail("Host is required.");
  let checked: CheckedTarget;
  try {
    checked = await checkTarget(host);
  } catch (error) {
    if (error instanceof TargetRefusedError) return fail(error.message);
    return fail(describeError(error, `${host}:${port}`, host, security), isTransientError(error));
  }
  setUnreachableMessage?.(`Could not connect to an SMTP server at ${host}:${port}.`);
  const transport = nodemailer.createTransport({
    // The checked address itself; the certificate is still verified against the name given.
    host: checked.address,
    ...(isIP(host) ? {} : { tls: { servername: host } }),
    port,
    secure: security === "tls",
    requireTLS: security === "starttls",
    // "none" means none: do not opportunistically upgrade and then fail on the certificate.
    ignoreTLS: security === "none",
    auth: username ? { user: username, pass: props.text("password") ?? "" } : undefined,
    // Beyond the caller's timeout, so the caller's clearer message wins the race.
    connectionTimeout: timeoutMs + 1000,
    greetingTimeout: timeoutMs + 1000,
    socketTimeout: timeoutMs + 1000,
  });
  const stop = () => transport.close();
  signal.addEventListener("abort", stop, { once: true });
  try {
    await transport.verify();
    return username ? { ok: true } : { ok: true, note: "Connected without logging in, as no username was given." };
  } catch (error) {
    return fail(describeError(error, `${host}:${port}`, host, security), isTransientError(error));
  } finally {
    signal.removeEventListener("abort", stop);
    transport.close();
  }
};
