// A real listener wired the way server.ts and engine.ts wire theirs: the ops endpoints first (also
// on a METRICS_PORT-style second listener, which stays open while the app listener drains), the
// real graceful-shutdown helper, and a slow route to have a request in flight at SIGTERM. Run by
// tests/integration/graceful-shutdown.int.test.ts as its own process (the helper handles signals
// and exits the process). Prints one JSON line with its ports, then lines naming what happened.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { installGracefulShutdown } from "@/server/http/graceful-shutdown";
import { createOpsEndpoints, startMetricsServer } from "@/server/ops/ops-endpoints";

let draining = false;
const opsOptions = { readiness: async () => ({ ready: true, checks: [] }), draining: () => draining };
const ops = createOpsEndpoints(opsOptions);

const server = createServer((req, res) => {
  if (ops(req, res)) return;
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === "/slow") {
    const ms = Number(url.searchParams.get("ms") ?? 1000);
    console.log("event slow-started");
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ done: true, ms }));
      console.log("event slow-answered");
    }, ms);
    return;
  }
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
});
server.keepAliveTimeout = 65_000;

const metrics = startMetricsServer(0, "127.0.0.1", opsOptions);
server.listen(0, "127.0.0.1", () => {
  const port = (server.address() as AddressInfo).port;
  const announce = () => console.log(JSON.stringify({ port, metricsPort: (metrics.address() as AddressInfo).port }));
  if (metrics.listening) announce();
  else metrics.once("listening", announce);
});

installGracefulShutdown({
  server,
  timeoutMs: Number(process.env.FIXTURE_SHUTDOWN_TIMEOUT_MS ?? 10_000),
  onDraining: () => {
    draining = true;
    console.log("event draining");
  },
  cleanup: async () => {
    console.log("event cleanup");
    metrics.close();
  },
});
