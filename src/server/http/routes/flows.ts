import { Hono, type Context } from "hono";
import { apiKeyProjectCtx } from "@/server/authz/api-key";
import type { ProjectCtx } from "@/server/context";
import { deleteFlow } from "@/server/flows/delete-flow";
import { saveFlow } from "@/server/flows/save-flow";
import { NotFoundError } from "@/server/errors";
import { EngineError } from "@/server/engine/errors";
import { ZFlowId } from "@/schemas/flows";
import { limitBody, pathParam, readJsonObject } from "../body";
import type { EngineDeps, EngineEnv } from "../types";

const MAX_FLOW_BYTES = 2 * 1024 * 1024;

function tokenCtx(c: Context<EngineEnv>, deps: EngineDeps): ProjectCtx {
  return apiKeyProjectCtx(deps.db, c.get("principal"));
}

function specific(err: unknown): never {
  if (err instanceof NotFoundError) throw new EngineError("NOT_FOUND", "flow_not_found", "No such flow in this project");
  throw err;
}

/** The workflow editor's door: create, update, publish and delete flows. */
export function flowRoutes(deps: EngineDeps) {
  const app = new Hono<EngineEnv>();

  app.put("/:id", limitBody(MAX_FLOW_BYTES, "The flow is too large"), async (c) => {
    const flowId = pathParam(c, "id", ZFlowId);
    const body = await readJsonObject(c, 'Send a JSON object: {"name", "draft": [steps], "publish"?, "enabled"?}');
    const result = await saveFlow({ ctx: tokenCtx(c, deps), input: { ...body, flowId } }).catch(specific);
    return c.json({ flow: result.flow }, result.created ? 201 : 200);
  });

  app.delete("/:id", async (c) => {
    await deleteFlow({ ctx: tokenCtx(c, deps), input: { flowId: pathParam(c, "id", ZFlowId) } }).catch(specific);
    return c.body(null, 204);
  });

  return app;
}
