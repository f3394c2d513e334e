import type { ApiKeyPrincipal } from "@/server/authz/api-key";
import type { Db } from "@/server/db/types";
import type { UsageRecorder } from "@/server/engine/usage-recorder";

export interface EngineDeps {
  db: Db;
  usage: UsageRecorder;
}

/** Hono's typing of the context: what the bearer middleware sets for the handlers. */
export interface EngineEnv {
  Variables: { principal: ApiKeyPrincipal };
}
