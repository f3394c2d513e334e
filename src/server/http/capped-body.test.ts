import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { rawRequest } from "../../../tests/support/raw-http";
import { PayloadTooLargeError, payloadTooLargeResponse, readCappedText } from "./capped-body";
import { installLingeringClose } from "./lingering-close";

// A real server handing the request to readCappedText as a Web Request, the way Next's route
// handlers get it (the Node request as the body stream), and answering its 413.
function cappedServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const request = new Request(`http://localhost${req.url}`, {
      method: req.method,
      headers: req.headers as HeadersInit,
      body: req as never,
      duplex: "half",
    } as RequestInit);
    readCappedText(request, 4 * 1024).then(
      (text) => res.writeHead(200).end(String(text.length)),
      async (err: unknown) => {
        const answer = payloadTooLargeResponse(err as PayloadTooLargeError);
        res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(await answer.text());
      },
    );
  });
  installLingeringClose(server, { idleMs: 300, maxMs: 2_000, maxBytes: 8 * 1024 * 1024 });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

const chunked = (bytes: number) => {
  const chunk = "x".repeat(64 * 1024);
  return Array.from({ length: Math.ceil(bytes / chunk.length) }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join("") + "0\r\n\r\n";
};

let running: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (running ? running.close(() => resolve()) : resolve())));

describe("readCappedText", () => {
  it("reads a body within the limit", async () => {
    const { server, port } = await cappedServer();
    running = server;
    const res = await rawRequest(port, "POST /x HTTP/1.1\nHost: localhost\nContent-Length: 5\nConnection: close\n", "hello");
    expect(res.status).toBe(200);
    res.socket.destroy();
  });

  it("refuses a streamed body past the limit with a 413 the client gets to read, even reading late", async () => {
    const { server, port } = await cappedServer();
    running = server;
    for (let i = 0; i < 5; i++) {
      const res = await rawRequest(port, "POST /x HTTP/1.1\nHost: localhost\nTransfer-Encoding: chunked\n", chunked(3 * 1024 * 1024), 1_000, 200);
      expect(res.status).toBe(413);
      expect(res.headers.connection).toBe("close");
      expect(res.closedByServer).toBe(true);
      res.socket.destroy();
    }
  });

  it("refuses a declared Content-Length past the limit without reading", async () => {
    await expect(
      readCappedText(new Request("http://localhost/", { method: "POST", headers: { "content-length": "5000" }, body: "x" }), 4096),
    ).rejects.toBeInstanceOf(PayloadTooLargeError);
  });
});
