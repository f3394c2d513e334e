import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { createConnection } from "@/server/connections/create-connection";
import { SYSTEM_ACTOR } from "@/server/context";
import { recheckConnection } from "@/server/health/recheck-connection";
import { deliverDueNotifications, retryDelayMs } from "@/server/notifications/deliver";
import { forgetRequestOrigin, rememberRequestOrigin } from "@/server/http/public-origin";
import { updateNotificationSettings } from "@/server/notifications/settings";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { addMembership, createUser, projectWithMember } from "../support/factories";
import { startReceiver } from "../support/http-receiver";
import { rows } from "../support/sql";

// E-mail notifications through a real SMTP server on loopback (the smtp-server package), with a
// login, as SMTP_URL configures it.
const SMTP_USER = "notifier@example.test";
const SMTP_PASSWORD = "smtp-Notify-passw0rd";

interface Mail {
  from: string;
  to: string[];
  data: string;
}

let tdb: TestDatabase;
let smtp: SMTPServer;
let accepting = true;
const mails: Mail[] = [];
let validToken = "tok-mail-0001-abcdef";
let api: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  smtp = new SMTPServer({
    secure: false,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(credentials, _session, callback) {
      if (credentials.username === SMTP_USER && credentials.password === SMTP_PASSWORD) return callback(null, { user: SMTP_USER });
      return callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (!accepting) return callback(Object.assign(new Error("Mailbox unavailable, try later"), { responseCode: 451 }));
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  process.env.SMTP_URL = `smtp://${encodeURIComponent(SMTP_USER)}:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:${port}`;
  process.env.SMTP_FROM = "Connections <connections@example.test>";
  resetEnvCache();
  // As server.ts does on every request: the origin people use the app on.
  rememberRequestOrigin({ headers: { host: "127.0.0.1:3305" } });
  api = await startReceiver((req) => (req.headers["x-api-key"] === validToken ? { status: 200, body: { ok: true } } : { status: 401 }));
});

afterAll(async () => {
  forgetRequestOrigin();
  delete process.env.SMTP_URL;
  delete process.env.SMTP_FROM;
  resetEnvCache();
  await api?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await tdb?.dispose();
});

/** Quoted-printable (as in bodies and Q-encoded words) to UTF-8 text. */
function fromQuotedPrintable(qp: string, underscoreIsSpace = false): string {
  const bytes: number[] = [];
  const src = qp.replace(/=\r?\n/g, "");
  for (let i = 0; i < src.length; i++) {
    if (src[i] === "=" && /^[0-9A-F]{2}$/i.test(src.slice(i + 1, i + 3))) {
      bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(underscoreIsSpace && src[i] === "_" ? " " : src[i]!, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** A message's subject (RFC 2047 encoded words decoded) and its decoded text. */
function read(mail: Mail): { subject: string; body: string } {
  const [head, ...rest] = mail.data.split(/\r?\n\r?\n/);
  const unfolded = head!.replace(/\r?\n[ \t]+/g, " ");
  const raw = /^Subject: (.*)$/im.exec(unfolded)?.[1] ?? "";
  const subject = raw
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : fromQuotedPrintable(data, true),
    );
  const encoding = /^Content-Transfer-Encoding: (.*)$/im.exec(unfolded)?.[1]?.trim().toLowerCase();
  const payload = rest.join("\n\n");
  const body =
    encoding === "quoted-printable" ? fromQuotedPrintable(payload) : encoding === "base64" ? Buffer.from(payload, "base64").toString("utf8") : payload;
  return { subject, body };
}

describe(`e-mail notifications (${databaseLabel()})`, () => {
  it("tells the project's admins, and only them, when a connection breaks and when it recovers; a refused delivery is retried", async () => {
    const { ctx, user: admin } = await projectWithMember(tdb.db, "ADMIN");
    const secondAdmin = await createUser(tdb.db);
    const editor = await createUser(tdb.db);
    await addMembership(tdb.db, ctx.projectId, secondAdmin.id, "ADMIN");
    await addMembership(tdb.db, ctx.projectId, editor.id, "EDITOR");
    await updateNotificationSettings({ ctx, input: { webhookUrl: "", emailAdmins: true } });
    const { connection } = await createConnection({
      ctx,
      input: {
        pieceName: "http-custom-headers",
        type: "CUSTOM",
        displayName: "Billing API",
        credentials: { props: { baseUrl: api.url, headerName: "X-API-Key", headerValue: validToken } },
      },
    });
    const secret = validToken;

    validToken = "revoked-by-the-provider";
    await recheckConnection(tdb.db, ctx.projectId, connection.id, SYSTEM_ACTOR);
    accepting = false;
    expect(await deliverDueNotifications(tdb.db)).toMatchObject({ claimed: 1, delivered: 0 });
    const [pending] = await rows<{ status: string; attempts: number; last_error: string }>(
      tdb.db,
      sql`select status, attempts, last_error from notification_deliveries where project_id = ${ctx.projectId} and channel = 'EMAIL'`,
    );
    expect(pending).toMatchObject({ status: "PENDING", attempts: 1, last_error: expect.stringContaining("Mailbox unavailable") });
    expect(mails).toHaveLength(0);

    accepting = true;
    expect(await deliverDueNotifications(tdb.db, { now: new Date(Date.now() + retryDelayMs(1) + 1_000) })).toMatchObject({ delivered: 1 });
    expect(mails).toHaveLength(1);
    const broken = mails[0]!;
    expect(broken.from).toBe("connections@example.test");
    expect(broken.to.sort()).toEqual([admin.email, secondAdmin.email].sort());
    expect(broken.to).not.toContain(editor.email);
    const brokenMail = read(broken);
    expect(brokenMail.subject).toBe("Connection “Billing API” needs attention");
    expect(brokenMail.body).toContain(`The connection Billing API (${connection.externalId}) moved to Error.`);
    expect(brokenMail.body).toContain("Reason: The server rejected the credentials (HTTP 401)");
    // Queued by a background recheck, with no request and no APP_URL: the origin last seen on a request.
    expect(brokenMail.body).toContain(`Open it: http://127.0.0.1:3305/p/${ctx.projectId}/connections?connection=${connection.id}`);
    expect(broken.data).not.toContain(secret);

    validToken = secret;
    await recheckConnection(tdb.db, ctx.projectId, connection.id, SYSTEM_ACTOR);
    expect(await deliverDueNotifications(tdb.db)).toMatchObject({ delivered: 1 });
    expect(mails).toHaveLength(2);
    expect(read(mails[1]!).subject).toBe("Connection “Billing API” works again");
    expect(read(mails[1]!).body).toContain(`The connection Billing API (${connection.externalId}) is Active again.`);
  });

  it("sends nothing when the project did not ask for e-mail", async () => {
    const { ctx } = await projectWithMember(tdb.db, "ADMIN");
    await updateNotificationSettings({ ctx, input: { webhookUrl: "", emailAdmins: false } });
    const { connection: created } = await createConnection({
      ctx,
      input: {
        pieceName: "http-custom-headers",
        type: "CUSTOM",
        displayName: "Quiet API",
        credentials: { props: { baseUrl: api.url, headerName: "X-API-Key", headerValue: validToken } },
      },
    });
    const before = mails.length;
    const original = validToken;
    validToken = "revoked-again";
    await recheckConnection(tdb.db, ctx.projectId, created.id, SYSTEM_ACTOR);
    validToken = original;
    const queued = await rows<{ n: number }>(tdb.db, sql`select count(*)::int as n from notification_deliveries where project_id = ${ctx.projectId}`);
    expect(queued[0]!.n).toBe(0);
    await deliverDueNotifications(tdb.db);
    expect(mails.length).toBe(before);
  });
});
