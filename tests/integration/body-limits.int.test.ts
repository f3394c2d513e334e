import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { guardNextRequest } from "@/server/http/door-guard";
import { createMachineApi } from "@/server/http/machine-api";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { apiKey } from "../support/engine-api";
import { projectWithMember } from "../support/factories";
import { createKeyConnection } from "../support/flows";
import { keepAliveIsHonest, rawRequest } from "../support/raw-http";

// Both ways the machine API is served, driven through real sockets: engine.ts (alone) and
// server.ts (beside Next, behind the same door guard; Next itself is a recorder here, the
// e2e spec 09 covers the built app).

let tdb: TestDatabase;
let key: string;
let externalId: string;
let engineOnly: Server;
let beside: Server;
let machine: ReturnType<typeof createMachineApi>;
const reachedNext: string[] = [];

const portOf = (s: Server) => (s.address() as AddressInfo).port;
const listen = (s: Server) => new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
const close = (s: Server) =>
  new Promise<void>((resolve) => {
    s.closeAllConnections();
    s.close(() => resolve());
  });

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { ctx } = await projectWithMember(tdb.db, "ADMIN");
  key = await apiKey(ctx, ["connections:read", "flows:write", "embed:sessions"]);
  externalId = (await createKeyConnection(ctx, "Cached nowhere")).externalId;
  machine = createMachineApi(tdb.db, { overrideGlobalObjects: false });
  engineOnly = createServer((req, res) => machine.handle(req, res));
  beside = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith("/api/v1/")) return machine.handle(req, res);
    if (guardNextRequest(req, res)) return;
    reachedNext.push(`${req.method} ${req.url}`);
    req.resume();
    req.on("end", () => res.end("next"));
  });
  await Promise.all([listen(engineOnly), listen(beside)]);
});

afterAll(async () => {
  await Promise.all([close(engineOnly), close(beside)]);
  await machine.idle();
  await tdb?.dispose();
});

const put = (path: string, length: number, extra = "") =>
  `PUT ${path} HTTP/1.1\nHost: 127.0.0.1\nAuthorization: Bearer ${key}\nContent-Type: application/json\nContent-Length: ${length}\n${extra}`;
const ping = "GET /api/v1/openapi.json HTTP/1.1\nHost: 127.0.0.1\n";

describe(`/api/v1 bodies are limited before they are read (${databaseLabel()})`, () => {
  for (const [label, server] of [
    ["engine alone", () => engineOnly],
    ["beside Next", () => beside],
  ] as const) {
    it(`${label}: a 50 MB declared flow is a 413 that closes the connection, not a keep-alive lie`, async () => {
      const port = portOf(server());
      const res = await rawRequest(port, put("/api/v1/flows/big", 50 * 1024 * 1024), "{".repeat(1024));
      expect(res.status).toBe(413);
      expect(res.headers.connection).toBe("close");
      expect(await keepAliveIsHonest(port, res, ping)).toBe(true);
    });

    it(`${label}: an anonymous oversized body is refused before the key is even looked at`, async () => {
      const port = portOf(server());
      const res = await rawRequest(port, `POST /api/v1/worker/resolve HTTP/1.1\nHost: x\nContent-Length: 99999999\n`, "x");
      expect(res.status).toBe(413);
      expect(await keepAliveIsHonest(port, res, ping)).toBe(true);
    });

    it(`${label}: a chunked body is cut off once it passes the limit`, async () => {
      const port = portOf(server());
      const chunk = "x".repeat(64 * 1024);
      const chunks = Array.from({ length: 40 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join("");
      const res = await rawRequest(port, `POST /api/v1/worker/resolve HTTP/1.1\nHost: x\nAuthorization: Bearer ${key}\nTransfer-Encoding: chunked\n`, chunks);
      expect(res.status).toBe(413);
      expect(await keepAliveIsHonest(port, res, ping)).toBe(true);
    });

    it(`${label}: an ordinary answer keeps the connection usable`, async () => {
      const port = portOf(server());
      const res = await rawRequest(port, put("/api/v1/flows/ok", 2), "{}");
      expect(res.status).toBe(400);
      expect(await keepAliveIsHonest(port, res, ping)).toBe(true);
    });
  }

  it("a body nested 5,000 deep is a 400 before it is parsed", async () => {
    const body = `{"input":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    const res = await rawRequest(
      portOf(engineOnly),
      `POST /api/v1/worker/resolve HTTP/1.1\nHost: x\nAuthorization: Bearer ${key}\nContent-Type: application/json\nContent-Length: ${body.length}\n`,
      body,
    );
    expect(res.status).toBe(400);
  });
});

describe("the people's doors behind server.ts's guard", () => {
  const post = (path: string, length: number, extra = "") => `POST ${path} HTTP/1.1\nHost: 127.0.0.1\nContent-Length: ${length}\n${extra}`;

  it.each([
    ["/api/trpc/apiKey.create", 2 * 1024 * 1024],
    ["/api/embed/session", 10 * 1024],
    ["/api/auth/callback/credentials", 50 * 1024 * 1024],
    ["/api/oauth/callback", 100 * 1024],
  ])("%s: a %d-byte declared body is a 413 with Connection: close, unread", async (path, length) => {
    const port = portOf(beside);
    const res = await rawRequest(port, post(path, length), "x".repeat(512));
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe("close");
    expect(res.closedByServer).toBe(true);
    expect(reachedNext).not.toContain(`POST ${path}`);
  });

  it("a server action over 1 MB is a 413 with a message", async () => {
    const res = await rawRequest(portOf(beside), post("/p/x/connections", 2 * 1024 * 1024, "Next-Action: abc\nOrigin: http://127.0.0.1\n"), "x");
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe("close");
  });

  it("a server action without an Origin, or from another one, is refused; from this app it passes", async () => {
    const port = portOf(beside);
    expect((await rawRequest(port, post("/sign-in", 2, "Next-Action: abc\n"), "{}")).status).toBe(403);
    expect((await rawRequest(port, post("/sign-in", 2, "Next-Action: abc\nOrigin: http://evil.example\n"), "{}")).status).toBe(403);
    expect((await rawRequest(port, post("/sign-in", 2, "Next-Action: abc\nOrigin: null\n"), "{}")).status).toBe(403);
    expect(reachedNext).not.toContain("POST /sign-in");
    const ok = await rawRequest(port, post("/sign-in", 2, "Next-Action: abc\nOrigin: http://127.0.0.1\n"), "{}");
    expect(ok.status).toBe(200);
    expect(reachedNext).toContain("POST /sign-in");
  });
});

describe("headers of the hardened doors", () => {
  it("credential answers on /api/v1 carry Cache-Control: no-store, on the Node server itself", async () => {
    const port = portOf(engineOnly);
    const get = await rawRequest(port, `GET /api/v1/worker/connections/${externalId} HTTP/1.1\nHost: x\nAuthorization: Bearer ${key}\n`);
    expect(get.status).toBe(200);
    expect(get.headers["cache-control"]).toBe("no-store");
    const body = JSON.stringify({ input: { a: `{{connections['${externalId}']}}` } });
    const resolve = await rawRequest(
      port,
      `POST /api/v1/worker/resolve HTTP/1.1\nHost: x\nAuthorization: Bearer ${key}\nContent-Type: application/json\nContent-Length: ${body.length}\n`,
      body,
    );
    expect(resolve.status).toBe(200);
    expect(resolve.headers["cache-control"]).toBe("no-store");
    get.socket.destroy();
    resolve.socket.destroy();
  });

  it("HSTS is sent only when APP_URL is https", async () => {
    const port = portOf(beside);
    const plain = await rawRequest(port, "GET /sign-in HTTP/1.1\nHost: 127.0.0.1\n");
    expect(plain.headers["strict-transport-security"]).toBeUndefined();
    process.env.APP_URL = "https://connections.example.com";
    resetEnvCache();
    try {
      const secure = await rawRequest(port, "GET /sign-in HTTP/1.1\nHost: 127.0.0.1\n");
      expect(secure.headers["strict-transport-security"]).toMatch(/^max-age=\d+/);
      const api = createMachineApi(tdb.db, { overrideGlobalObjects: false });
      const server = createServer((req, res) => api.handle(req, res));
      await listen(server);
      const engine = await rawRequest(portOf(server), "GET /api/v1/openapi.json HTTP/1.1\nHost: x\n");
      expect(engine.headers["strict-transport-security"]).toMatch(/^max-age=\d+/);
      await close(server);
      await api.idle();
    } finally {
      delete process.env.APP_URL;
      resetEnvCache();
    }
  });
});
