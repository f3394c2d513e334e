import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { log } from "@/server/log";

export interface GracefulShutdownOptions {
  server: Server;
  /** Called first: the readiness probe starts answering 503 "draining" (a load balancer takes the instance out). */
  onDraining: () => void;
  /** After the last in-flight request (or the timeout): stop background work and close the database. */
  cleanup: () => Promise<void>;
  /** Longest wait for in-flight requests before their sockets are cut. */
  timeoutMs: number;
}

/**
 * SIGTERM/SIGINT: stop accepting connections, answer /readyz with 503 "draining", let in-flight
 * requests finish (each answered with `Connection: close`), close idle keep-alive sockets at once
 * and the others as their response ends, and cut whatever is left after `timeoutMs`; then clean up
 * and exit. A second signal exits at once.
 */
export function installGracefulShutdown(opts: GracefulShutdownOptions) {
  const { server } = opts;
  let stopping = false;
  // Responses written while draining close their connection, so no keep-alive socket outlives the
  // drain (and no proxy sends a next request on a socket about to be closed).
  const inFlight = new Set<ServerResponse>();
  server.prependListener("request", (_req: IncomingMessage, res: ServerResponse) => {
    if (stopping) res.shouldKeepAlive = false;
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
  });
  const stop = (signal: string) => {
    if (stopping) {
      log.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    const started = Date.now();
    log.info(`${signal}: draining (in-flight requests get up to ${Math.round(opts.timeoutMs / 1000)} s)`);
    opts.onDraining();
    for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    const drained = new Promise<void>((resolve) => {
      // close() stops accepting and resolves once every connection has ended; Node closes idle ones now.
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    // Connections that were busy become idle once their response is sent: close those too.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log.warn("shutdown: in-flight requests still running at the timeout; closing their connections");
        server.closeAllConnections();
        resolve();
      }, opts.timeoutMs);
    });
    void Promise.race([drained, timedOut])
      .then(() => {
        clearInterval(sweep);
        clearTimeout(timer);
        log.info(`shutdown: connections drained in ${Date.now() - started} ms`);
        return opts.cleanup();
      })
      .catch(() => {})
      .finally(() => process.exit(0));
    // Whatever happens in clean-up, the process ends.
    setTimeout(() => process.exit(0), opts.timeoutMs + 5_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
