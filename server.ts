import next from "next";
import { startup, StartupError } from "./src/server/startup";
import { embedFrameAncestors } from "./src/server/embed/allowed-origins";
import { CLIENT_ADDRESS_HEADER, clientAddressOfNodeRequest } from "./src/server/http/client-address";
import { guardNextRequest } from "./src/server/http/door-guard";
import { log } from "./src/server/log";
import { serve } from "./src/server/http/serve";
import { listeningUrl, rememberRequestOrigin } from "./src/server/http/public-origin";
import { createTrpcDoor, isTrpcDoorRequest } from "./src/server/http/trpc-door";

// One port, three doors: /api/v1/* (machines) is answered by a lean handler beside Next,
// /api/trpc/* (the pages' data) in production by the tRPC handlers without Next's routing, and
// everything else (people) by Next's own request handler.
async function main() {
  const { env, machineApi, stopJobs, ops } = await startup();
  const dev = env.NODE_ENV === "development";
  const app = next({ dev, hostname: env.HOSTNAME, port: env.PORT, dir: process.cwd() });
  await app.prepare();
  const nextHandler = app.getRequestHandler();
  // Under `next dev` tRPC stays behind Next's route, so edits to the routers reload.
  const trpcDoor = dev ? null : createTrpcDoor({ port: env.PORT });

  serve({
    port: env.PORT,
    hostname: env.HOSTNAME,
    ops,
    handle: (req, res) => {
      if (machineApi && req.url?.startsWith("/api/v1/")) return void machineApi(req, res);
      if (guardNextRequest(req, res)) return;
      // Background jobs (e-mails, webhooks) have no request: without APP_URL they link to the
      // origin people last used.
      rememberRequestOrigin(req);
      // The picker may be framed by the configured editor origins only (read at run time);
      // every other page refuses framing through next.config.ts.
      if (req.url?.startsWith("/embed/")) res.setHeader("Content-Security-Policy", embedFrameAncestors());
      // Sign-in throttling behind Next needs the peer address, which Next does not expose; any
      // value the client sent in this header is overwritten.
      req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOfNodeRequest(req);
      if (trpcDoor && isTrpcDoorRequest(req)) return void trpcDoor(req, res);
      void nextHandler(req, res);
    },
    onListening: () => log.info(`Connections manager ready on ${listeningUrl(env.HOSTNAME, env.PORT)} (${dev ? "development" : "production"})`),
    shutdownTimeoutSeconds: env.SHUTDOWN_TIMEOUT_SECONDS,
    stopWork: stopJobs,
  });
}

main().catch((err) => {
  if (err instanceof StartupError) {
    console.error(`Start-up failed: ${err.message}`);
  } else {
    console.error(`Start-up failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  process.exit(1);
});
