import type { IncomingMessage, ServerResponse } from "node:http";
import { getEnv, type Env } from "@/env";
import { DatabaseStartupError, getDatabase } from "@/server/db/client";
import { MissingSecretError, resolveAuthSecret } from "@/server/secrets/auth-secret";
import { getKeyRing } from "@/server/secrets/key-ring";
import { KeyRingError } from "@/server/crypto/keyring";
import { startBackgroundJobs } from "@/server/jobs/background";
import { startOAuthRefreshScheduler } from "@/server/oauth/scheduler";
import { createMachineApi } from "@/server/http/machine-api";
import { startOps, type Ops } from "@/server/ops/start-ops";

/** A start-up problem whose message alone, on one line, tells the operator what to fix. */
export class StartupError extends Error {
  override name = "StartupError";
}

export interface Started {
  env: Env;
  machineApi: ((req: IncomingMessage, res: ServerResponse) => void) | null;
  /** /healthz, /readyz and /metrics, answered before Next. */
  ops: Ops;
  /** Stops this instance's background jobs (health checks, notification delivery, OAuth2 refresh, ...). */
  stopJobs: () => void;
}

export async function startup(): Promise<Started> {
  let env: Env;
  try {
    env = getEnv();
  } catch (err) {
    throw new StartupError((err as Error).message);
  }
  let handle;
  try {
    resolveAuthSecret();
    getKeyRing();
    handle = await getDatabase();
  } catch (err) {
    if (err instanceof DatabaseStartupError || err instanceof MissingSecretError) throw new StartupError(err.message);
    if (err instanceof KeyRingError) throw new StartupError(`ENCRYPTION_KEYS: ${err.message}`);
    throw err;
  }
  const db = handle.db;
  const stopPeriodicJobs = startBackgroundJobs(db);
  const stopRefresh = startOAuthRefreshScheduler(db);
  const stopJobs = () => {
    stopPeriodicJobs();
    void stopRefresh();
  };
  // Beside Next, Hono must not swap the global Request/Response classes Next relies on.
  const machineApi = createMachineApi(db, { overrideGlobalObjects: false }).handle;
  return { env, machineApi, stopJobs, ops: startOps(env, handle) };
}
