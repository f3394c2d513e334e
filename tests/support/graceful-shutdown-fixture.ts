// A real listener set up by the helper server.ts and engine.ts use (src/server/http/serve.ts): the
// ops endpoints first (also on a METRICS_PORT-style second listener, which stays open while the app
// listener drains), the lingering close, the graceful shutdown, and a slow route to have a request
// in flight at SIGTERM. Run by tests/integration/graceful-shutdown.int.test.ts as its own process
// (the helper handles signals and exits the process). Prints one JSON line with its ports, then
// lines naming what happened.
import type { AddressInfo } from "node:net";
import { serve } from "@/server/http/serve";
import { createOpsEndpoints, startMetricsServer } from "@/server/ops/ops-endpoints";

let draining = false;
const opsOptions = { readiness: async () => ({ ready: true, checks: [] }), draining: () => draining };
const metrics = startMetricsServer(0, "127.0.0.1", opsOptions);

serve({
  port: 0,
  hostname: "127.0.0.1",
  ops: {
    handle: createOpsEndpoints(opsOptions),
    setDraining: () => {
      draining = true;
      console.log("event draining");
    },
    stop: () => metrics.close(),
  },
  handle: (req, res) => {
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
  },
  onListening: (server) => {
    const port = (server.address() as AddressInfo).port;
    const announce = () => console.log(JSON.stringify({ port, metricsPort: (metrics.address() as AddressInfo).port }));
    if (metrics.listening) announce();
    else metrics.once("listening", announce);
  },
  shutdownTimeoutSeconds: Number(process.env.FIXTURE_SHUTDOWN_TIMEOUT_MS ?? 10_000) / 1000,
  stopWork: async () => {
    console.log("event cleanup");
  },
});
