import type { Server } from "node:http";
import type { Socket } from "node:net";

export interface LingerOptions {
  /** Close once nothing has arrived for this long. */
  idleMs: number;
  /** Close after this long, whatever still arrives. */
  maxMs: number;
  /** Close after dropping this many bytes. */
  maxBytes: number;
}

export const DEFAULT_LINGER: LingerOptions = { idleMs: 2_000, maxMs: 5_000, maxBytes: 16 * 1024 * 1024 };

/**
 * A response that ends its connection (`Connection: close`) while the client is still sending the
 * body the server refused, such as a 413 on a streamed upload, must not close the socket at once:
 * closing with unread bytes makes the kernel answer with a reset, and a reset can discard the
 * response the client has not read yet (it then sees a dropped connection instead of the 413).
 *
 * Instead the response goes out followed by FIN, and what still arrives is read and dropped until
 * the client closes its side, stays quiet for `idleMs`, or `maxMs` or `maxBytes` is reached; then
 * the socket closes. This is the lingering close web servers do. Both servers (`server.ts`,
 * `engine.ts`) install it on every connection, through serve.ts.
 */
export function installLingeringClose(server: Server, opts: LingerOptions = DEFAULT_LINGER): void {
  server.on("connection", (socket: Socket) => {
    // Node's HTTP server calls destroySoon() once the last response on a closing connection ends.
    socket.destroySoon = () => linger(socket, opts);
  });
}

function linger(socket: Socket, opts: LingerOptions): void {
  if (socket.destroyed) return;
  if (socket.writable) socket.end();
  // Nothing more can arrive: close as soon as the response has gone out.
  if (!socket.readable || socket.readableEnded) {
    if (socket.writableFinished) socket.destroy();
    else socket.once("finish", () => socket.destroy());
    return;
  }
  let dropped = 0;
  let idle: NodeJS.Timeout | undefined;
  const close = () => {
    clearTimeout(idle);
    clearTimeout(total);
    socket.destroy();
  };
  const total = setTimeout(close, opts.maxMs);
  const quiet = () => {
    clearTimeout(idle);
    idle = setTimeout(close, opts.idleMs);
  };
  // The HTTP parser is done with this connection: what arrives now is the refused body, dropped
  // here rather than parsed (a next request on a closing connection is not answered).
  socket.removeAllListeners("data");
  socket.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > opts.maxBytes) close();
    else quiet();
  });
  // The client has sent everything: close once the response is out.
  socket.once("end", () => {
    if (socket.writableFinished) close();
    else socket.once("finish", close);
  });
  socket.once("close", () => {
    clearTimeout(idle);
    clearTimeout(total);
  });
  quiet();
  socket.resume();
}
