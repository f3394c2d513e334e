import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPiece } from "../index";
import { validateConnectionValue } from "./index";
import { closedPort, silentServer, waitFor } from "./testing/servers";

const USER = "mailer@example.test";
const PASSWORD = "smtp-Test-passw0rd";
const auth = getPiece("smtp")!.auths[0]!;
let server: SMTPServer;
let port: number;
let logins = 0;

beforeAll(async () => {
  server = new SMTPServer({
    secure: false,
    authOptional: false,
    allowInsecureAuth: true,
    logger: false,
    onAuth(credentials, _session, callback) {
      logins++;
      if (credentials.username === USER && credentials.password === PASSWORD) return callback(null, { user: USER });
      return callback(new Error("Invalid username or password"));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const validate = (props: Record<string, string | number | boolean>, timeoutMs?: number) =>
  validateConnectionValue({
    pieceName: "smtp",
    auth,
    value: { type: "CUSTOM_AUTH", props: { host: "127.0.0.1", port, security: "none", username: USER, password: PASSWORD, ...props } },
    timeoutMs,
  });

describe("smtp validator against a real SMTP server", () => {
  it("accepts the right login", async () => {
    const before = logins;
    expect(await validate({})).toEqual({ ok: true });
    expect(logins).toBe(before + 1);
  });

  it("reports a wrong password without echoing it", async () => {
    const result = await validate({ password: "Wrong-Pa55word-123" });
    expect(result).toEqual({ ok: false, message: "The SMTP server rejected the username or password." });
  });

  it("refuses STARTTLS to a server whose certificate is not trusted", async () => {
    // smtp-server offers STARTTLS with a self-signed certificate by default.
    expect(await validate({ security: "starttls" })).toEqual({
      ok: false,
      message: expect.stringMatching(
        new RegExp(`^The TLS handshake with 127\\.0\\.0\\.1:${port} failed \\(.*certificate.*\\): check the Security setting \\(starttls\\) and port\\.$`),
      ),
    });
  });

  it("reports an unreachable server", async () => {
    const closed = await closedPort();
    expect(await validate({ port: closed })).toEqual({ ok: false, message: `Could not connect to an SMTP server at 127.0.0.1:${closed}.`, transient: true });
  });

  it("times out on a server that never greets, and hangs up", async () => {
    const silent = await silentServer();
    try {
      expect(await validate({ port: silent.port }, 400)).toEqual({
        ok: false,
        message: `Could not connect to an SMTP server at 127.0.0.1:${silent.port}.`,
        transient: true,
      });
      expect(await waitFor(() => silent.openConnections() === 0)).toBe(true);
    } finally {
      await silent.close();
    }
  });
});
