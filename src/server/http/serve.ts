import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { closeDatabase } from "@/server/db/client";
import { withRequestContext } from "@/server/observability/http-context";
import type { Ops } from "@/server/ops/start-ops";
import { installGracefulShutdown } from "./graceful-shutdown";
import { installLingeringClose } from "./lingering-close";

export interface ServeOptions {
  port: number;
  hostname: string;
  /**
   * /healthz, /readyz and /metrics, answered first: cheap, outside authentication, never through
   * Next. Told when draining starts, stopped after the drain.
   */
  ops: Ops;
  /** Every other request, inside its request context (its id echoed in X-Request-Id). */
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  onListening: (server: Server) => void;
  /** Longest wait for in-flight requests at SIGTERM/SIGINT. */
  shutdownTimeoutSeconds: number;
  /** After the drain and the ops, before the database closes: this process's own background work. */
  stopWork: () => Promise<void>;
}

/**
 * The HTTP server both processes run (the app in server.ts, the engine API alone in engine.ts):
 * probes before anything else, a lingering close on every connection, and the graceful shutdown
 * that drains, stops the process's work and closes the database.
 */
export function serve(opts: ServeOptions): Server {
  const { ops } = opts;
  const server = createServer((req, res) => {
    if (ops.handle(req, res)) return;
    withRequestContext(req, res, () => opts.handle(req, res));
  });
  // Longer than a proxy keeps its pooled idle connections (README, Scaling out): the proxy closes an
  // idle one before we do, rather than send a request on one that we are closing.
  server.keepAliveTimeout = 65_000;
  installLingeringClose(server);
  server.listen(opts.port, opts.hostname, () => opts.onListening(server));

  installGracefulShutdown({
    server,
    timeoutMs: opts.shutdownTimeoutSeconds * 1000,
    onDraining: () => ops.setDraining(),
    cleanup: async () => {
      ops.stop();
      await opts.stopWork();
      await closeDatabase();
    },
  });
  return server;
}
