import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { backoffMs, createEngineClient, EngineApiError, retryAfterMs, type RetryInfo } from "../src";

// The client's retry, timeout and error handling against real loopback HTTP servers that misbehave
// on purpose (the engine app itself is exercised in engine-client.int.test.ts).
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((resolve) => s.close(resolve));
    }),
  );
});

const API_KEY = "cmk_unit_secret_value_0123456789";

async function serve(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void) {
  let n = 0;
  const seen: { method: string; url: string; headers: IncomingMessage["headers"] }[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers });
    req.resume();
    req.on("end", () => handler(req, res, n++));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));

const unavailable = { error: "connection_unavailable", message: "The provider did not answer" };
const fast = { retries: 3, baseDelayMs: 5, maxDelayMs: 20 };

describe("engine client transport", () => {
  it("retries a 503 with backoff, honours Retry-After, then returns the answer", async () => {
    const { url, seen } = await serve((_req, res, n) => {
      if (n === 0) return json(res, 503, unavailable, { "retry-after": "1" });
      if (n === 1) return json(res, 503, unavailable);
      json(res, 200, { output: { ok: true } });
    });
    const retries: RetryInfo[] = [];
    const client = createEngineClient({ baseUrl: url, apiKey: API_KEY, retry: fast, onRetry: (r) => retries.push(r) });
    const started = Date.now();
    expect(await client.resolve({ a: 1 })).toEqual({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(seen).toHaveLength(3);
    expect(retries.map((r) => [r.attempt, r.status, r.code])).toEqual([
      [1, 503, "connection_unavailable"],
      [2, 503, "connection_unavailable"],
    ]);
    expect(retries[0]!.delayMs).toBeGreaterThanOrEqual(1_000);
    // One request id for the whole call, so the server's logs tie the attempts together.
    expect(new Set(seen.map((s) => s.headers["x-request-id"])).size).toBe(1);
    expect(seen.every((s) => s.headers.authorization === `Bearer ${API_KEY}`)).toBe(true);
    expect(JSON.stringify(retries)).not.toContain(API_KEY);
  });

  it("gives up after the last retry with the 503 as a typed error", async () => {
    const { url, seen } = await serve((_req, res) => json(res, 503, unavailable, { "x-request-id": "req-503" }));
    const client = createEngineClient({ baseUrl: url, apiKey: API_KEY, retry: { ...fast, retries: 2 } });
    const err = await client.getConnection("openai-team").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineApiError);
    expect(err).toMatchObject({ status: 503, code: "connection_unavailable", requestId: "req-503", operation: "getConnection" });
    expect(seen).toHaveLength(3);
  });

  it("does not wait for a Retry-After beyond the bound, and does not retry other statuses", async () => {
    const far = await serve((_req, res) => json(res, 503, unavailable, { "retry-after": "3600" }));
    const client = createEngineClient({ baseUrl: far.url, apiKey: API_KEY, retry: fast });
    await expect(client.deleteFlow("f")).rejects.toMatchObject({ status: 503, retryAfterSeconds: 3600 });
    expect(far.seen).toHaveLength(1);

    const notFound = await serve((_req, res) => json(res, 404, { error: "flow_not_found", message: "No such flow in this project" }));
    const other = createEngineClient({ baseUrl: notFound.url, apiKey: API_KEY, retry: fast });
    await expect(other.deleteFlow("f")).rejects.toMatchObject({
      status: 404,
      code: "flow_not_found",
      message: "deleteFlow: 404 flow_not_found: No such flow in this project",
    });
    expect(notFound.seen).toHaveLength(1);
  });

  it("retries a dropped connection for idempotent calls only", async () => {
    const drop = (req: IncomingMessage, res: ServerResponse, n: number, ok: () => void) => (n === 0 ? req.socket.destroy() : ok());
    const put = await serve((req, res, n) => drop(req, res, n, () => json(res, 201, { flow: { id: "f" } }, { etag: '"v1"', location: "/api/v1/flows/f" })));
    const client = createEngineClient({ baseUrl: put.url, apiKey: API_KEY, retry: fast });
    const saved = await client.putFlow("f", { name: "F", draft: [] });
    expect(saved).toMatchObject({ created: true, etag: '"v1"', location: "/api/v1/flows/f" });
    expect(put.seen).toHaveLength(2);

    // An embed session is a new token each time: never sent twice on a guess.
    const post = await serve((req, res, n) => drop(req, res, n, () => json(res, 201, {})));
    const poster = createEngineClient({ baseUrl: post.url, apiKey: API_KEY, retry: fast });
    const err = (await poster.createEmbedSession({ userEmail: "dana@example.com" }).catch((e: unknown) => e)) as EngineApiError;
    expect(err).toMatchObject({ status: 0, code: "network_error" });
    expect(err.requestId).toBeTruthy();
    expect(post.seen).toHaveLength(1);
    expect(`${err.message} ${JSON.stringify(err)} ${String(err.stack)}`).not.toContain(API_KEY);
  });

  it("times out a call that gets no answer", async () => {
    const { url, seen } = await serve(() => {
      /* never answers */
    });
    const client = createEngineClient({ baseUrl: url, apiKey: API_KEY, timeoutMs: 150, retry: { ...fast, retries: 1 } });
    const started = Date.now();
    await expect(client.getConnection("x")).rejects.toMatchObject({ status: 0, code: "timeout" });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(seen).toHaveLength(2);
  });

  it("stops waiting when the caller aborts", async () => {
    const { url } = await serve((_req, res) => json(res, 503, unavailable, { "retry-after": "5" }));
    const client = createEngineClient({ baseUrl: url, apiKey: API_KEY, retry: fast });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("caller gave up")), 100);
    const started = Date.now();
    await expect(client.getConnection("x", { signal: controller.signal })).rejects.toThrow("caller gave up");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("keeps fieldErrors and the error body's details, and encodes path segments", async () => {
    const { url, seen } = await serve((_req, res) =>
      json(res, 409, { error: "connection_undecryptable", message: "Sealed with a missing key", keyId: "k2", fieldErrors: { name: "Required" } }),
    );
    const client = createEngineClient({ baseUrl: `${url}/api/v1/`, apiKey: API_KEY });
    const err = (await client.getConnection("a/b?c", { flowId: "daily" }).catch((e: unknown) => e)) as EngineApiError;
    expect(err).toMatchObject({ status: 409, code: "connection_undecryptable", fieldErrors: { name: "Required" }, details: { keyId: "k2" } });
    expect(seen[0]!.url).toBe("/api/v1/worker/connections/a%2Fb%3Fc");
    expect(seen[0]!.headers["x-flow-id"]).toBe("daily");
  });

  it("walks every page of a list and refuses a server that repeats a cursor", async () => {
    const items = Array.from({ length: 5 }, (_, i) => ({ externalId: `c${i}` }));
    const { url, seen } = await serve((req, res) => {
      const q = new URL(req.url!, "http://x").searchParams;
      const from = Number(q.get("cursor") ?? 0);
      const limit = Number(q.get("limit"));
      const next = from + limit < items.length ? String(from + limit) : null;
      json(res, 200, { data: items.slice(from, from + limit), nextCursor: next });
    });
    const client = createEngineClient({ baseUrl: url, apiKey: API_KEY });
    const got: string[] = [];
    for await (const c of client.connections.all({ limit: 2, pieceName: "slack" })) got.push((c as { externalId: string }).externalId);
    expect(got).toEqual(["c0", "c1", "c2", "c3", "c4"]);
    expect(seen.map((s) => s.url)).toEqual([
      "/api/v1/connections?limit=2&pieceName=slack",
      "/api/v1/connections?limit=2&pieceName=slack&cursor=2",
      "/api/v1/connections?limit=2&pieceName=slack&cursor=4",
    ]);

    const loop = await serve((_req, res) => json(res, 200, { data: [{}], nextCursor: "same" }));
    const looping = createEngineClient({ baseUrl: loop.url, apiKey: API_KEY });
    const walk = async () => {
      for await (const _ of looping.flows.all()) void _;
    };
    await expect(walk()).rejects.toMatchObject({ code: "invalid_response" });
  });

  it("computes bounded, jittered backoff and reads both Retry-After forms", () => {
    const retry = { retries: 5, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 30_000 };
    expect(backoffMs(0, retry, () => 0)).toBe(50);
    expect(backoffMs(0, retry, () => 1)).toBe(100);
    expect(backoffMs(3, retry, () => 0.5)).toBe(600);
    expect(backoffMs(10, retry, () => 1)).toBe(1_000);
    expect(retryAfterMs("7")).toBe(7_000);
    expect(retryAfterMs(new Date(Date.now() + 3_000).toUTCString(), Date.now())).toBeGreaterThan(1_000);
    expect(retryAfterMs("soon")).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
