import { getEnv } from "./src/env";
import { getDatabase } from "./src/server/db/client";
import { createMachineApi } from "./src/server/http/machine-api";
import { log } from "./src/server/log";
import { serve } from "./src/server/http/serve";
import { startOps } from "./src/server/ops/start-ops";
import { getKeyRing } from "./src/server/secrets/key-ring";
import { assertSealedKeysPresent } from "./src/server/encryption/missing-keys";
import { listeningUrl } from "./src/server/http/public-origin";

// The engine API alone (/api/v1/* only), to scale it apart from the UI: run as many as needed
// behind a load balancer, all on the same PostgreSQL (DATABASE_URL) and ENCRYPTION_KEYS.
async function main() {
  const env = getEnv();
  const ring = getKeyRing();
  const handle = await getDatabase();
  await assertSealedKeysPresent(handle.db, ring);
  const api = createMachineApi(handle.db, { overrideGlobalObjects: true });
  const ops = startOps(env, handle);
  serve({
    port: env.ENGINE_PORT,
    hostname: env.HOSTNAME,
    ops,
    handle: (req, res) => {
      if (req.url?.startsWith("/api/v1/")) return api.handle(req, res);
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not_found", message: "This process serves /api/v1/* only" }));
    },
    onListening: () => log.info(`Engine API ready on ${listeningUrl(env.HOSTNAME, env.ENGINE_PORT)}/api/v1`),
    shutdownTimeoutSeconds: env.SHUTDOWN_TIMEOUT_SECONDS,
    stopWork: () => api.idle(),
  });
}

main().catch((err) => {
  console.error(`Start-up failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
