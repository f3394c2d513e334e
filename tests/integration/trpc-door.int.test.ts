import { createServer, get, type IncomingHttpHeaders, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { encode } from "next-auth/jwt";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { opened, SESSION_COOKIE_NAMES } from "@/server/auth/session-token";
import { guardNextRequest } from "@/server/http/door-guard";
import { NO_FRAMING_HEADERS, SECURITY_HEADERS } from "@/server/http/security-headers";
import { createTrpcDoor, isTrpcDoorRequest } from "@/server/http/trpc-door";
import { withRequestContext } from "@/server/observability/http-context";
import { resolveAuthSecret } from "@/server/secrets/auth-secret";
import { endUserSessions } from "@/server/users/end-sessions";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { projectWithMember } from "../support/factories";
import { createKeyConnection } from "../support/flows";

// The tRPC door server.ts opens beside Next in production, over real sockets, as server.ts mounts
// it (request context, the door guard, then the door). Everything behind it is real: next-auth's
// sealed cookie, the session and membership reads, the procedures, the database.

const [SECURE, PLAIN] = SESSION_COOKIE_NAMES;
const seal = (token: Record<string, unknown>, salt: string, maxAge = 3600) => encode({ token, secret: resolveAuthSecret(), salt, maxAge });

let tdb: TestDatabase;
let server: Server;
let base: string;
let projectId: string;
let userId: string;
let cookie: string;

/** A GET as Node's client makes it: the bytes as sent (no decompression) and the headers. */
const wire = (url: string, headers: Record<string, string>) =>
  new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });

const input = (json: unknown) => encodeURIComponent(JSON.stringify({ json }));
const listUrl = (json: unknown = { projectId, pageSize: 50 }) => `${base}/api/trpc/connection.list?input=${input(json)}`;

beforeAll(async () => {
  tdb = await createTestDatabase();
  (globalThis as Record<symbol, unknown>)[Symbol.for("connections-manager.db")] = Promise.resolve(tdb);
  const { ctx, user } = await projectWithMember(tdb.db, "ADMIN");
  projectId = ctx.projectId;
  userId = user.id;
  // Enough rows that the page is worth compressing.
  for (let i = 0; i < 12; i++) await createKeyConnection(ctx, `Door key ${String(i).padStart(2, "0")}`);
  cookie = `${PLAIN}=${await seal({ uid: user.id, sv: 0 }, PLAIN)}`;
  const door = createTrpcDoor({ port: 3000 });
  server = createServer((req, res) =>
    withRequestContext(req, res, () => {
      if (guardNextRequest(req, res)) return;
      if (isTrpcDoorRequest(req)) return void door(req, res);
      res.writeHead(404).end("next");
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("connections-manager.db")];
  await tdb?.dispose();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe(`tRPC door beside Next (${databaseLabel()})`, () => {
  it("answers a signed-in page call with the procedure's result, the app's security headers and gzip when accepted", async () => {
    const res = await fetch(listUrl(), { headers: { cookie, "accept-encoding": "gzip" } });
    expect(res.status).toBe(200);
    for (const [name, value] of Object.entries({ ...SECURITY_HEADERS, ...NO_FRAMING_HEADERS })) expect(res.headers.get(name), name).toBe(value);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("vary")).toMatch(/Accept-Encoding$/);
    const body = (await res.json()) as { result: { data: { json: { items: { displayName: string }[]; total: number } } } };
    expect(body.result.data.json.total).toBe(12);
    expect(body.result.data.json.items.map((c) => c.displayName)).toContain("Door key 07");

    // On the wire: gzip only for a client that asked for it, and a length either way.
    const zipped = await wire(listUrl(), { cookie, "accept-encoding": "gzip, deflate" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
    const plain = await wire(listUrl(), { cookie });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(Number(plain.headers["content-length"])).toBe(plain.body.length);
    expect(gunzipSync(zipped.body).toString()).toBe(plain.body.toString());
  });

  it("reads the session cookie next-auth names for the request: plain over http, __Secure- only over https", async () => {
    expect((await fetch(listUrl())).status).toBe(401);
    const secure = `${SECURE}=${await seal({ uid: userId, sv: 0 }, SECURE)}`;
    // The door sets X-Forwarded-Proto from the socket as Next does: a plain socket is http.
    expect((await fetch(listUrl(), { headers: { cookie: secure } })).status).toBe(401);
    expect((await fetch(listUrl(), { headers: { cookie: secure, "x-forwarded-proto": "https" } })).status).toBe(200);
    expect((await fetch(listUrl(), { headers: { cookie, "x-forwarded-proto": "https" } })).status).toBe(401);
    // Tampered with, or sealed under the other name: no session.
    expect((await fetch(listUrl(), { headers: { cookie: `${cookie.slice(0, -4)}AAAA` } })).status).toBe(401);
    expect((await fetch(listUrl(), { headers: { cookie: `${PLAIN}=${secure.slice(SECURE.length + 1)}` } })).status).toBe(401);
  });

  it("a remembered token still meets the account check on every call, and its expiry", async () => {
    const { ctx, user } = await projectWithMember(tdb.db, "VIEWER");
    const mine = `${PLAIN}=${await seal({ uid: user.id, sv: 0 }, PLAIN)}`;
    const url = listUrl({ projectId: ctx.projectId });
    expect((await fetch(url, { headers: { cookie: mine } })).status).toBe(200);
    expect((await fetch(url, { headers: { cookie: mine } })).status).toBe(200);
    await endUserSessions({ ctx: { db: tdb.db }, input: { userId: user.id } });
    expect((await fetch(url, { headers: { cookie: mine } })).status).toBe(401);

    // Past its exp (and decode's 15 s of tolerance) the remembered copy is not used.
    const short = `${PLAIN}=${await seal({ uid: userId, sv: 0 }, PLAIN, 60)}`;
    expect((await fetch(listUrl(), { headers: { cookie: short } })).status).toBe(200);
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + 76_000);
    expect(opened.get(PLAIN, short.slice(PLAIN.length + 1), resolveAuthSecret())).toBeNull();
  });

  it("refuses what the Next route refuses, with the same answers: another origin, deep input, a chunked body past the limit, bad input", async () => {
    const create = `${base}/api/trpc/connection.create`;
    const body = JSON.stringify({
      json: { projectId, pieceName: "openai", type: "SECRET_TEXT", displayName: "Through the door", credentials: { secret_text: `sk-door${"7".repeat(40)}` } },
    });
    const foreign = await fetch(create, { method: "POST", body, headers: { cookie, origin: "http://evil.example", "content-type": "application/json" } });
    expect(foreign.status).toBe(403);
    const same = await fetch(create, { method: "POST", body, headers: { cookie, origin: base, "content-type": "application/json" } });
    expect(same.status, await same.clone().text()).toBe(200);
    expect(JSON.stringify(await same.json())).not.toContain("sk-door");

    const deep = await fetch(`${base}/api/trpc/connection.list?input=${encodeURIComponent("[".repeat(3000))}`, { headers: { cookie } });
    expect(deep.status).toBe(400);

    const big = new Uint8Array(2 * 1024 * 1024).fill(120);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(big);
        controller.close();
      },
    });
    const chunked = await fetch(create, { method: "POST", body: stream, headers: { cookie, origin: base }, duplex: "half" } as RequestInit);
    expect(chunked.status).toBe(413);

    const nul = await fetch(listUrl({ projectId, search: "a\u0000b" }), { headers: { cookie } });
    expect(nul.status).toBe(400);
    const bad = (await nul.json()) as { error: { json: { data: { httpStatus: number } } } };
    expect(bad.error.json.data.httpStatus).toBe(400);
    const wrongType = await fetch(listUrl({ projectId, pageSize: "many" }), { headers: { cookie } });
    expect(wrongType.status).toBe(400);
    expect(await wrongType.text()).toContain("pageSize");
  });

  it("a client that hangs up mid-body costs nothing but its own request", async () => {
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write(
      `POST /api/trpc/connection.create HTTP/1.1\r\nHost: localhost:3000\r\nOrigin: http://localhost:3000\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"json":{"projectId":`,
    );
    await new Promise((r) => setTimeout(r, 100));
    socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(listUrl(), { headers: { cookie } })).status).toBe(200);
  });

  it("leaves every other method and path to Next", async () => {
    for (const [method, path] of [
      ["HEAD", "/api/trpc/connection.list"],
      ["PUT", "/api/trpc/connection.list"],
      ["OPTIONS", "/api/trpc/connection.list"],
      ["GET", "/api/trpcx/connection.list"],
      ["GET", "/connections"],
    ] as const) {
      const res = await fetch(`${base}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  });
});
