import type { IncomingMessage, ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { getEnv } from "@/env";
import type { Db } from "@/server/db/types";
import { HSTS } from "./door-guard";
import { createEngineApp } from "./engine-app";
import { isHttpsOrigin } from "./same-origin";

/** An engine app as a Node request listener: the lean hot GET first, everything else through Hono. */
export function engineListener(engine: Pick<ReturnType<typeof createEngineApp>, "app" | "fastPath">, opts: { overrideGlobalObjects: boolean }) {
  const listener = getRequestListener(engine.app.fetch, { overrideGlobalObjects: opts.overrideGlobalObjects });
  return (req: IncomingMessage, res: ServerResponse) => {
    if (engine.fastPath(req, res)) return;
    void listener(req, res);
  };
}

/** The Node request listener for /api/v1/*, mounted by server.ts (beside Next) or engine.ts (alone). */
export function createMachineApi(db: Db, opts: { overrideGlobalObjects: boolean }) {
  const engine = createEngineApp({ db, tokenCacheMs: getEnv().ENGINE_TOKEN_CACHE_SECONDS * 1000 });
  const listen = engineListener(engine, opts);
  const hsts = isHttpsOrigin();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (hsts) res.setHeader("Strict-Transport-Security", HSTS);
    listen(req, res);
  };
  return { handle, idle: engine.usage.idle };
}
