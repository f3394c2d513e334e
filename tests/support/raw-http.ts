import { connect, type Socket } from "node:net";

export interface RawExchange {
  status: number;
  headers: Record<string, string>;
  /** Whether the server ended the connection after answering. */
  closedByServer: boolean;
  socket: Socket;
}

/**
 * Sends `head` (and an optional partial `body`) on a fresh socket, reads one response head, then
 * waits up to `settleMs` to see whether the server closes the connection. With `readAfterMs`, the
 * client reads nothing for that long after connecting.
 */
export async function rawRequest(port: number, head: string, body = "", settleMs = 500, readAfterMs = 0): Promise<RawExchange> {
  const socket = connect(port, "127.0.0.1");
  // A client slow to read (a busy machine): the answer waits in its receive buffer meanwhile.
  if (readAfterMs > 0) {
    socket.pause();
    setTimeout(() => socket.resume(), readAfterMs);
  }
  let data = "";
  let closedByServer = false;
  socket.setEncoding("latin1");
  socket.on("data", (chunk: string) => (data += chunk));
  socket.on("end", () => (closedByServer = true));
  socket.on("close", () => (closedByServer = true));
  socket.on("error", () => (closedByServer = true));
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  socket.write(head.replace(/\n/g, "\r\n") + "\r\n");
  if (body) socket.write(body);
  const started = Date.now();
  while (!data.includes("\r\n\r\n") && Date.now() - started < 5000 && !closedByServer) await new Promise((r) => setTimeout(r, 10));
  const deadline = Date.now() + settleMs;
  while (!closedByServer && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const [statusLine = "", ...lines] = data.split("\r\n\r\n")[0]!.split("\r\n");
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
  return { status: Number(statusLine.split(" ")[1] ?? 0), headers, closedByServer, socket };
}

/**
 * The property issue 15 asks for: after the answer, either the server said `Connection: close`
 * and closed, or the connection really is reusable (a second request on it is answered).
 */
export async function keepAliveIsHonest(port: number, exchange: RawExchange, nextRequest: string): Promise<boolean> {
  if (exchange.headers.connection?.toLowerCase() === "close") return exchange.closedByServer;
  if (exchange.closedByServer) return false;
  let data = "";
  exchange.socket.on("data", (chunk: string) => (data += chunk));
  exchange.socket.write(nextRequest.replace(/\n/g, "\r\n") + "\r\n");
  const started = Date.now();
  while (!/^HTTP\/1\.1 \d{3}/m.test(data) && Date.now() - started < 3000) await new Promise((r) => setTimeout(r, 10));
  exchange.socket.destroy();
  return /HTTP\/1\.1 \d{3}/.test(data);
}
