import { Hono, type Context } from "hono";
import { apiKeyProjectCtx } from "@/server/authz/api-key";
import { listConnectionSummaries } from "@/server/connections/list-connection-summaries";
import { listFlowSummaries } from "@/server/flows/list-flow-summaries";
import { listPieceSummaries } from "@/server/pieces/list-piece-summaries";
import { parseOrThrow } from "@/server/validation";
import { ZListConnectionsQuery, ZListFlowsQuery, ZListPiecesQuery } from "@/schemas/engine-api";
import type { z } from "zod";
import type { EngineDeps, EngineEnv } from "../types";

/** The query string as one object (a repeated parameter is refused by the schema: it becomes an array). */
function query<S extends z.ZodType>(c: Context<EngineEnv>, schema: S): z.output<S> {
  const raw: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(c.req.queries())) raw[name] = values.length === 1 ? values[0]! : values;
  return parseOrThrow(schema, raw);
}

/** The editor's back end lists what its users may choose from: connections (metadata), flows, apps. */
export function listRoutes(deps: EngineDeps) {
  const app = new Hono<EngineEnv>();

  // The key checks (connections:list, flows:read) are registered from api-contract.ts (engine-app.ts).
  app.get("/connections", async (c) => {
    const q = query(c, ZListConnectionsQuery);
    return c.json(await listConnectionSummaries(apiKeyProjectCtx(deps.db, c.get("principal")), q));
  });

  app.get("/flows", async (c) => {
    const q = query(c, ZListFlowsQuery);
    return c.json(await listFlowSummaries(apiKeyProjectCtx(deps.db, c.get("principal")), q));
  });

  app.get("/pieces", (c) => c.json(listPieceSummaries(query(c, ZListPiecesQuery))));

  return app;
}
