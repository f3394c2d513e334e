import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { getPiece } from "../index";
import type { ConnectionValue } from "../value-schema";
import { validateConnectionValue } from "./index";
import { closedPort } from "./testing/servers";

function validate(pieceName: string, props: Record<string, string | number | boolean>) {
  const auth = getPiece(pieceName)!.auths.find((a) => a.type === "CUSTOM")!;
  const value: ConnectionValue = { type: "CUSTOM_AUTH", props };
  return validateConnectionValue({ pieceName, auth, value, timeoutMs: 3000 });
}

const pg = (host: string, port = 5432) => validate("postgres", { host, port, database: "postgres", user: "postgres", password: "x", ssl: false });
const smtp = (host: string, port = 25) => validate("smtp", { host, port, security: "none" });
const http = (baseUrl: string) => validate("openai-compatible", { baseUrl, apiKey: "sk-test-0123456789abcdef" });

function setBlockPrivate(on: boolean) {
  if (on) process.env.VALIDATOR_BLOCK_PRIVATE_NETWORKS = "1";
  else delete process.env.VALIDATOR_BLOCK_PRIVATE_NETWORKS;
  resetEnvCache();
}

afterEach(() => setBlockPrivate(false));

describe("validators refuse link-local and cloud metadata addresses by default", () => {
  it.each(["169.254.169.254", "169.254.0.1", "fd00:ec2::254", "fe80::1", "::ffff:169.254.169.254", "100.100.100.200", "metadata.google.internal"])(
    "PostgreSQL at %s is refused at once, as a setting (not transient)",
    async (host) => {
      const started = Date.now();
      const result = await pg(host);
      expect(result).toEqual({ ok: false, message: expect.stringContaining("link-local or cloud metadata address") });
      // Refused before any connection attempt: a real one to 169.254.169.254 would hang here.
      expect(Date.now() - started).toBeLessThan(1000);
    },
  );

  it("refuses an HTTP base URL and an SMTP host on those addresses too", async () => {
    expect(await http("http://169.254.169.254/latest/meta-data")).toMatchObject({ ok: false, message: expect.stringContaining("metadata") });
    expect(await http("http://[::ffff:a9fe:a9fe]/v1")).toMatchObject({ ok: false, message: expect.stringContaining("metadata") });
    expect(await smtp("169.254.169.254")).toMatchObject({ ok: false, message: expect.stringContaining("metadata") });
  });

  it("still connects to loopback and private addresses (a self-hoster's own database)", async () => {
    const port = await closedPort();
    expect(await pg("127.0.0.1", port)).toEqual({ ok: false, message: `Could not connect to PostgreSQL at 127.0.0.1:${port}.`, transient: true });
  });
});

describe("VALIDATOR_BLOCK_PRIVATE_NETWORKS=1", () => {
  it.each(["127.0.0.1", "localhost", "::1", "10.1.2.3", "192.168.0.10", "::ffff:127.0.0.1"])("refuses PostgreSQL at %s", async (host) => {
    setBlockPrivate(true);
    const result = await pg(host);
    expect(result).toEqual({ ok: false, message: expect.stringContaining("VALIDATOR_BLOCK_PRIVATE_NETWORKS") });
  });

  it("refuses HTTP and SMTP on loopback", async () => {
    setBlockPrivate(true);
    expect(await http("http://127.0.0.1:9/v1")).toMatchObject({ ok: false, message: expect.stringContaining("VALIDATOR_BLOCK_PRIVATE_NETWORKS") });
    expect(await smtp("localhost")).toMatchObject({ ok: false, message: expect.stringContaining("VALIDATOR_BLOCK_PRIVATE_NETWORKS") });
  });
});

describe("answers do not tell a closed port from an open one", () => {
  let other: Server;
  let openPort: number;
  beforeAll(async () => {
    // Something listening that is not the app asked for: a plain HTTP server.
    other = createServer((_req, res) => res.end("hello"));
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    openPort = (other.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => other.close(() => resolve())));

  it("PostgreSQL: closed and open-to-something-else read the same", async () => {
    const closed = await closedPort();
    const a = await pg("127.0.0.1", closed);
    const b = await pg("127.0.0.1", openPort);
    expect(a).toEqual({ ok: false, message: `Could not connect to PostgreSQL at 127.0.0.1:${closed}.`, transient: true });
    expect(b).toEqual({ ok: false, message: `Could not connect to PostgreSQL at 127.0.0.1:${openPort}.`, transient: true });
  });

  it("SMTP: closed and open-to-something-else read the same", async () => {
    const closed = await closedPort();
    expect(await smtp("127.0.0.1", closed)).toEqual({ ok: false, message: `Could not connect to an SMTP server at 127.0.0.1:${closed}.`, transient: true });
    expect(await smtp("127.0.0.1", openPort)).toEqual({ ok: false, message: `Could not connect to an SMTP server at 127.0.0.1:${openPort}.`, transient: true });
  });
});
