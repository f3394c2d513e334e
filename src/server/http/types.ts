import type { ActiveToken } from "@/server/api-tokens/find-active-token";
import type { Db } from "@/server/db/types";
import type { UsageRecorder } from "@/server/engine/usage-recorder";

export interface EngineDeps {
  db: Db;
  usage: UsageRecorder;
}

/** Hono's typing of the context: what the bearer middleware sets for the handlers. */
export interface EngineEnv {
  Variables: { token: ActiveToken };
}
