import type { IncomingMessage, ServerResponse } from "node:http";
import { getEnv, type Env } from "@/env";
import { DatabaseStartupError, getDatabase } from "@/server/db/client";
import { MissingSecretError, resolveAuthSecret } from "@/server/secrets/auth-secret";
import { getKeyRing } from "@/server/secrets/key-ring";
import { KeyRingError } from "@/server/crypto/keyring";
import { assertSealedKeysPresent, MissingKeysError } from "@/server/encryption/missing-keys";
import { startBackgroundJobs } from "@/server/jobs/background";
import { registerDefaultJobs } from "@/server/jobs/default-jobs";
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
  /** Stops this instance's background jobs (OAuth2 refresh, health checks, deliveries, re-encryption). */
  stopJobs: () => Promise<void>;
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
    const ring = getKeyRing();
    handle = await getDatabase();
    await assertSealedKeysPresent(handle.db, ring);
  } catch (err) {
    if (err instanceof DatabaseStartupError || err instanceof MissingSecretError || err instanceof MissingKeysError) {
      throw new StartupError(err.message);
    }
    if (err instanceof KeyRingError) throw new StartupError(`ENCRYPTION_KEYS: ${err.message}`);
    throw err;
  }
  const db = handle.db;
  registerDefaultJobs();
  const stopJobs = startBackgroundJobs(db);
  // Beside Next, Hono must not swap the global Request/Response classes Next relies on.
  const machineApi = createMachineApi(db, { overrideGlobalObjects: false }).handle;
  return { env, machineApi, stopJobs, ops: startOps(env, handle) };
}
