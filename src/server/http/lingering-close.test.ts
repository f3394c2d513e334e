import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { rawRequest } from "../../../tests/support/raw-http";
import { installLingeringClose } from "./lingering-close";

// A real HTTP server refusing a body it never reads, the way the 413 doors do.
function refusingServer(linger: boolean): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => {
    res.writeHead(413, { "content-type": "application/json", connection: "close" }).end('{"error":"payload_too_large"}');
  });
  if (linger) installLingeringClose(server, { idleMs: 300, maxMs: 2_000, maxBytes: 8 * 1024 * 1024 });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

const chunked = (bytes: number) => {
  const chunk = "x".repeat(64 * 1024);
  return Array.from({ length: Math.ceil(bytes / chunk.length) }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join("") + "0\r\n\r\n";
};
const head = "POST /upload HTTP/1.1\nHost: localhost\nContent-Type: application/json\nTransfer-Encoding: chunked\n";

let running: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (running ? running.close(() => resolve()) : resolve())));

describe("lingering close", () => {
  it("a 413 sent while the client still streams its body always reaches the client, and the connection then closes", async () => {
    const { server, port } = await refusingServer(true);
    running = server;
    const body = chunked(3 * 1024 * 1024);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await rawRequest(port, head, body, 1_500, 150);
      statuses.push(res.status);
      expect(res.headers.connection).toBe("close");
      expect(res.closedByServer).toBe(true);
      res.socket.destroy();
    }
    expect(statuses).toEqual(Array(20).fill(413));
  });

  it("a client that keeps sending past the byte bound is cut off, after its answer", async () => {
    const { server, port } = await refusingServer(true);
    running = server;
    const res = await rawRequest(port, head, chunked(12 * 1024 * 1024), 3_000);
    expect(res.status).toBe(413);
    expect(res.closedByServer).toBe(true);
    res.socket.destroy();
  });

  it("a refused upload that stops sending leaves no connection behind", async () => {
    const { server, port } = await refusingServer(true);
    running = server;
    const res = await rawRequest(port, head.replace("Transfer-Encoding: chunked", `Content-Length: ${50 * 1024 * 1024}`), "{".repeat(2048), 1_000);
    expect(res.status).toBe(413);
    expect(res.closedByServer).toBe(true);
    const open = () => new Promise<number>((resolve, reject) => server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
    const deadline = Date.now() + 1_500;
    while ((await open()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await open()).toBe(0);
  });
});
