import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardNextRequest } from "@/server/http/door-guard";
import { createMachineApi } from "@/server/http/machine-api";
import { withRequestContext } from "@/server/observability/http-context";
import { API_KEY_SCOPES } from "@/schemas/api-keys";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { apiKey } from "../support/engine-api";
import { projectWithMember } from "../support/factories";
import { createKeyConnection } from "../support/flows";
import { keepAliveIsHonest, rawRequest } from "../support/raw-http";

// HTTP behaviour a client can rely on, over real sockets, on both ways the API is served: alone
// (engine.ts) and beside Next (server.ts), each with its request context as those files open it.

let tdb: TestDatabase;
let key: string;
let externalId: string;
let machine: ReturnType<typeof createMachineApi>;
const servers: Record<string, Server> = {};

const listen = (s: Server) => new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
const portOf = (label: string) => (servers[label]!.address() as AddressInfo).port;

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { ctx } = await projectWithMember(tdb.db, "ADMIN");
  key = await apiKey(ctx, [...API_KEY_SCOPES]);
  externalId = (await createKeyConnection(ctx, "HTTP behaviour")).externalId;
  machine = createMachineApi(tdb.db, { overrideGlobalObjects: false });
  servers["engine alone"] = createServer((req, res) => withRequestContext(req, res, () => machine.handle(req, res)));
  servers["beside Next"] = createServer((req, res) =>
    withRequestContext(req, res, () => {
      if (req.url?.startsWith("/api/v1/")) return machine.handle(req, res);
      if (guardNextRequest(req, res)) return;
      res.end("next");
    }),
  );
  await Promise.all(Object.values(servers).map(listen));
});

afterAll(async () => {
  for (const s of Object.values(servers)) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
  await machine?.idle();
  await tdb?.dispose();
});

const ping = "GET /api/v1/openapi.json HTTP/1.1\nHost: 127.0.0.1\n";

describe(`engine API HTTP behaviour (${databaseLabel()})`, () => {
  for (const label of ["engine alone", "beside Next"]) {
    it(`${label}: X-Request-Id is echoed when sane and made up otherwise, on the hot path and on errors`, async () => {
      const port = portOf(label);
      const hot = await rawRequest(
        port,
        `GET /api/v1/worker/connections/${externalId} HTTP/1.1\nHost: x\nAuthorization: Bearer ${key}\nX-Request-Id: trace-123_abc\n`,
      );
      expect([hot.status, hot.headers["x-request-id"], hot.headers["cache-control"]]).toEqual([200, "trace-123_abc", "no-store"]);
      const refused = await rawRequest(port, `GET /api/v1/connections HTTP/1.1\nHost: x\nX-Request-Id: trace-456\n`);
      expect([refused.status, refused.headers["x-request-id"]]).toEqual([401, "trace-456"]);
      const insane = await rawRequest(port, `GET /api/v1/pieces HTTP/1.1\nHost: x\nAuthorization: Bearer ${key}\nX-Request-Id: ${"<script>".repeat(40)}\n`);
      expect(insane.status).toBe(200);
      expect(insane.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
      for (const ex of [hot, refused, insane]) ex.socket.destroy();
    });

    it(`${label}: a wrong method is a 405 with Allow, and the connection stays usable`, async () => {
      const port = portOf(label);
      const res = await rawRequest(port, `PATCH /api/v1/flows/abc HTTP/1.1\nHost: x\nAuthorization: Bearer ${key}\nContent-Length: 0\n`);
      expect([res.status, res.headers.allow]).toEqual([405, "PUT, DELETE"]);
      expect(await keepAliveIsHonest(port, res, ping)).toBe(true);
    });

    it(`${label}: a 412 on a stale If-Match keeps the connection usable; a 413 closes it`, async () => {
      const port = portOf(label);
      const body = JSON.stringify({ name: "Stale", draft: [] });
      const stale = await rawRequest(
        port,
        `PUT /api/v1/flows/http-412 HTTP/1.1\nHost: x\nAuthorization: Bearer ${key}\nContent-Type: application/json\nIf-Match: "1"\nContent-Length: ${body.length}\n`,
        body,
      );
      expect(stale.status).toBe(412);
      expect(await keepAliveIsHonest(port, stale, ping)).toBe(true);
      const big = await rawRequest(
        port,
        `POST /api/v1/embed/sessions HTTP/1.1\nHost: x\nAuthorization: Bearer ${key}\nContent-Type: application/json\nContent-Length: ${64 * 1024}\n`,
        "{",
      );
      expect([big.status, big.headers.connection]).toEqual([413, "close"]);
      expect(await keepAliveIsHonest(port, big, ping)).toBe(true);
    });
  }

  it("serves the reference page and its script from this origin only (no CDN, fonts or outside images)", async () => {
    const port = portOf("engine alone");
    const page = await fetch(`http://127.0.0.1:${port}/api/v1/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("img-src 'self' data:");
    const urls = [...html.matchAll(/(?:src|href|spec-url)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((u) => !u.startsWith("/"))).toEqual([]);
    const script = await fetch(`http://127.0.0.1:${port}/api/v1/docs/redoc.standalone.js`);
    expect([script.status, script.headers.get("content-type")]).toEqual([200, "text/javascript; charset=utf-8"]);
    const code = await script.text();
    expect(code.length).toBeGreaterThan(100_000);
    // Loaded as code, not fetched: what a browser would request by itself (images, styles, fonts).
    expect(code.match(/(?:src=|url\(|href=)["']?https?:\/\/[^"')\s]+/g) ?? []).toEqual([]);
    expect(code).not.toContain("cdn.redoc.ly");
  });
});
