import { getEnv } from "@/env";
import { signBody, SIGNATURE_HEADER } from "./signature";
import { connectionUrl, type StatusNotificationBody } from "./enqueue";

const TIMEOUT_MS = 10_000;

export type SendResult = { ok: true } | { ok: false; error: string };

export async function sendWebhook(url: string, secret: string, deliveryId: number, body: Record<string, unknown>): Promise<SendResult> {
  const json = JSON.stringify(body);
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "connections-manager-webhook/1",
        [SIGNATURE_HEADER]: signBody(secret, json),
        "x-connections-delivery": String(deliveryId),
        "x-connections-event": String(body.event ?? "unknown"),
      },
      body: json,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.body?.cancel().catch(() => {});
    return res.ok ? { ok: true } : { ok: false, error: `HTTP ${res.status}` };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    return { ok: false, error: e.name === "TimeoutError" ? "timed out" : (e.cause?.code ?? e.message) };
  }
}

function describe(body: StatusNotificationBody) {
  const { connection, status } = body;
  const open = `Open it: ${connection.url ?? connectionUrl({ id: connection.id, projectId: body.projectId })}`;
  if (body.event === "connection.recovered") {
    return {
      subject: `Connection “${connection.displayName}” works again`,
      text: `The connection ${connection.displayName} (${connection.externalId}) is Active again.\n${open}`,
    };
  }
  return {
    subject: `Connection “${connection.displayName}” needs attention`,
    text: [
      `The connection ${connection.displayName} (${connection.externalId}) moved to Error.`,
      status.reason ? `Reason: ${status.reason}` : "",
      `Flows that use it: ${body.affectedFlows}. They will fail until it is reconnected.`,
      open,
    ]
      .filter(Boolean)
      .join("\n"),
  };
}

export async function sendEmail(recipients: string, body: StatusNotificationBody): Promise<SendResult> {
  const env = getEnv();
  if (!env.SMTP_URL) return { ok: false, error: "SMTP is not configured" };
  const { createTransport } = await import("nodemailer");
  const transport = createTransport(env.SMTP_URL, { connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: TIMEOUT_MS });
  try {
    await transport.sendMail({ from: env.SMTP_FROM, to: recipients, ...describe(body) });
    return { ok: true };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  } finally {
    transport.close();
  }
}
