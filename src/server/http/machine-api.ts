import type { IncomingMessage, ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { getEnv } from "@/env";
import type { Db } from "@/server/db/types";
import { HSTS } from "./door-guard";
import { createEngineApp } from "./engine-app";
import { isHttpsOrigin } from "./same-origin";

/** The Node request listener for /api/v1/*, mounted by server.ts (beside Next) or engine.ts (alone). */
export function createMachineApi(db: Db, opts: { overrideGlobalObjects: boolean }) {
  const { app, usage } = createEngineApp({ db, tokenCacheMs: getEnv().ENGINE_TOKEN_CACHE_SECONDS * 1000 });
  const listener = getRequestListener(app.fetch, { overrideGlobalObjects: opts.overrideGlobalObjects });
  const hsts = isHttpsOrigin();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (hsts) res.setHeader("Strict-Transport-Security", HSTS);
    void listener(req, res);
  };
  return { handle, idle: usage.idle };
}
