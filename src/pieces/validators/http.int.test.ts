import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPiece } from "../index";
import { validateConnectionValue } from "./index";
import { closedPort } from "./testing/servers";

const TOKEN = "sk-local-Test-token-0123456789";
const HEADER_KEY = "hdr-Secret-value-9876543210";
let server: http.Server;
let baseUrl: string;
const seenHeaders: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seenHeaders.push(req.headers);
    const url = req.url ?? "/";
    if (url === "/v1/models") {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401).end('{"error":"invalid key"}');
      return void res.writeHead(200, { "content-type": "application/json" }).end('{"object":"list","data":[]}');
    }
    if (url === "/hang/models" || url === "/hang") return; // never answers
    if (url === "/moved") return void res.writeHead(302, { location: "/landing" }).end();
    if (url === "/api") {
      if (req.headers["x-api-key"] !== HEADER_KEY) return void res.writeHead(403).end();
      return void res.writeHead(200).end("hello");
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const openAi = (props: Record<string, string>, timeoutMs?: number) =>
  validateConnectionValue({
    pieceName: "openai-compatible",
    auth: getPiece("openai-compatible")!.auths[0]!,
    value: { type: "CUSTOM_AUTH", props: { baseUrl: `${baseUrl}/v1`, apiKey: TOKEN, ...props } },
    timeoutMs,
  });

const customHeader = (props: Record<string, string>, timeoutMs?: number) =>
  validateConnectionValue({
    pieceName: "http-custom-headers",
    auth: getPiece("http-custom-headers")!.auths[0]!,
    value: { type: "CUSTOM_AUTH", props: { baseUrl: `${baseUrl}/api`, headerName: "X-API-Key", headerValue: HEADER_KEY, ...props } },
    timeoutMs,
  });

describe("OpenAI-compatible validator against a real HTTP server", () => {
  it("accepts the right bearer token, with or without a trailing slash", async () => {
    expect(await openAi({})).toEqual({ ok: true });
    expect(await openAi({ baseUrl: `${baseUrl}/v1/` })).toEqual({ ok: true });
    expect(seenHeaders.at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("reports a rejected key without echoing it", async () => {
    expect(await openAi({ apiKey: "sk-wrong-token-abcdefghijkl" })).toEqual({
      ok: false,
      message: "The server rejected the credentials (HTTP 401)",
    });
  });

  it("explains a base URL without /models", async () => {
    const result = await openAi({ baseUrl });
    expect(result).toEqual({ ok: false, message: `127.0.0.1:${new URL(baseUrl).port} has no /models endpoint at this base URL: it usually ends in /v1.` });
  });

  it("reports an unreachable server", async () => {
    const port = await closedPort();
    expect(await openAi({ baseUrl: `http://127.0.0.1:${port}/v1` })).toEqual({
      ok: false,
      message: `Could not connect to 127.0.0.1:${port}.`,
      transient: true,
    });
  });

  it("times out on a server that never answers", async () => {
    const started = Date.now();
    expect(await openAi({ baseUrl: `${baseUrl}/hang` }, 300)).toEqual({
      ok: false,
      message: `Could not connect to 127.0.0.1:${new URL(baseUrl).port}.`,
      transient: true,
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("custom-header validator against a real HTTP server", () => {
  it("accepts the right header", async () => {
    expect(await customHeader({})).toEqual({ ok: true });
    expect(seenHeaders.at(-1)?.["x-api-key"]).toBe(HEADER_KEY);
  });

  it("reports a rejected header", async () => {
    expect(await customHeader({ headerValue: "nope-nope-nope" })).toEqual({
      ok: false,
      message: "The server rejected the credentials (HTTP 403)",
    });
  });

  it("does not follow redirects, so the secret header stays on the configured URL", async () => {
    const before = seenHeaders.length;
    const result = await customHeader({ baseUrl: `${baseUrl}/moved` });
    expect(result).toMatchObject({ ok: true, note: expect.stringContaining("redirect (HTTP 302)") });
    expect(seenHeaders.length).toBe(before + 1);
  });

  it("refuses header names and values HTTP cannot carry", async () => {
    expect(await customHeader({ headerName: "X Api Key" })).toEqual({ ok: false, message: "Header name is not a valid HTTP header name." });
    expect(await customHeader({ headerValue: "abc\r\nX-Injected: 1" })).toMatchObject({ ok: false, message: expect.stringContaining("line breaks") });
  });
});
