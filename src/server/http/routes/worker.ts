import { Hono, type Context } from "hono";
import { actorOf } from "@/server/authz/principal";
import type { Actor } from "@/server/context";
import { EngineError } from "@/server/engine/errors";
import { ValidationError } from "@/server/errors";
import { getConnectionValue } from "@/server/engine/get-connection-value";
import { resolveInput } from "@/server/engine/resolve-input";
import { FLOW_ID_PATTERN } from "@/schemas/flows";
import { pathParam, readJsonObject } from "../body";
import { sendJson } from "../send-json";
import type { EngineDeps, EngineEnv } from "../types";

export const RESOLVE_HINT = 'Send a JSON object: {"input": <any JSON>}';

/**
 * The X-Flow-Id header as the usage note records it: null when absent or empty. Repeated, it is
 * joined with ", " (as a Web `Headers` joins it), which the pattern then refuses.
 */
export function flowIdOf(sent: string | string[] | undefined): string | null {
  const header = Array.isArray(sent) ? sent.join(", ") : sent;
  if (header === undefined || header === "") return null;
  if (!FLOW_ID_PATTERN.test(header)) throw new EngineError("VALIDATION", "invalid_flow_id", "X-Flow-Id must be 1 to 64 letters, digits, “-” or “_”");
  return header;
}

function tokenActor(c: Context<EngineEnv>): Actor {
  return actorOf(c.get("principal"));
}

/** The flow engine's door: resolve references to credentials at run time. */
export function workerRoutes(deps: EngineDeps) {
  const app = new Hono<EngineEnv>();

  app.get("/connections/:externalId", async (c) => {
    const flowId = flowIdOf(c.req.header("x-flow-id"));
    const token = c.get("principal").key;
    const actor = tokenActor(c);
    const connection = await getConnectionValue({ db: deps.db, actor, projectId: token.projectId, externalId: pathParam(c, "externalId") });
    deps.usage.connectionUsed({ projectId: token.projectId, connection, flowId, actor });
    return sendJson(c, connection);
  });

  // The key check and the body limit are registered from api-contract.ts (engine-app.ts).
  app.post("/resolve", async (c) => {
    const flowId = flowIdOf(c.req.header("x-flow-id"));
    const body = await readJsonObject(c, RESOLVE_HINT);
    if (!("input" in body)) throw new ValidationError(RESOLVE_HINT, { input: "Required" });
    const token = c.get("principal").key;
    const actor = tokenActor(c);
    const { output, used } = await resolveInput({ db: deps.db, actor, projectId: token.projectId, input: body.input });
    for (const connection of used) deps.usage.connectionUsed({ projectId: token.projectId, connection, flowId, actor });
    return sendJson(c, { output });
  });

  return app;
}
