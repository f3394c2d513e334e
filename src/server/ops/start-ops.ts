import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Env } from "@/env";
import { getDatabase } from "@/server/db/client";
import type { DatabaseHandle } from "@/server/db/types";
import { attachDatabaseMetrics } from "./database-metrics";
import { createOpsEndpoints, startMetricsServer } from "./ops-endpoints";
import { createReadiness } from "./readiness";

export interface Ops {
  /** Answers /healthz, /readyz and /metrics; false for every other request. */
  handle: (req: IncomingMessage, res: ServerResponse) => boolean;
  stop: () => void;
  /** Shutting down: /readyz answers 503 "draining" from now on, so a load balancer stops sending requests. */
  setDraining: () => void;
}

/** Probes and metrics for a server process (the app in server.ts, the engine API alone in engine.ts). */
export function startOps(env: Env, handle: DatabaseHandle): Ops {
  attachDatabaseMetrics({ db: handle.db, kind: handle.kind, poolMax: handle.poolMax ?? 1, applicationName: handle.applicationName });
  const readiness = createReadiness({
    database: async () => (await getDatabase()).db,
    jobsRunHere: env.BACKGROUND_JOBS === "on",
  });
  let draining = false;
  const opts = { readiness, metricsToken: env.METRICS_TOKEN, draining: () => draining };
  let metricsServer: Server | null = null;
  if (env.METRICS_PORT) metricsServer = startMetricsServer(env.METRICS_PORT, env.HOSTNAME, opts);
  return {
    handle: createOpsEndpoints(opts),
    stop: () => metricsServer?.close(),
    setDraining: () => {
      draining = true;
    },
  };
}
