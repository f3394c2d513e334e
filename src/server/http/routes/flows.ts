import { Hono, type Context } from "hono";
import { apiKeyProjectCtx } from "@/server/authz/api-key";
import type { ProjectCtx } from "@/server/context";
import { deleteFlow } from "@/server/flows/delete-flow";
import { flowEtag, ifMatchAllows } from "@/server/flows/etag";
import { saveFlow } from "@/server/flows/save-flow";
import { NotFoundError } from "@/server/errors";
import { EngineError } from "@/server/engine/errors";
import { ZFlowId } from "@/schemas/flows";
import { pathParam, readJsonObject } from "../body";
import type { EngineDeps, EngineEnv } from "../types";

function tokenCtx(c: Context<EngineEnv>, deps: EngineDeps): ProjectCtx {
  return apiKeyProjectCtx(deps.db, c.get("principal"));
}

function specific(err: unknown): never {
  if (err instanceof NotFoundError) throw new EngineError("NOT_FOUND", "flow_not_found", "No such flow in this project");
  throw err;
}

/** The workflow editor's door: create, update, publish and delete flows (GET /flows is in lists.ts). */
export function flowRoutes(deps: EngineDeps) {
  const app = new Hono<EngineEnv>();

  // The key check and the body limit are registered from api-contract.ts (engine-app.ts).
  app.put("/:id", async (c) => {
    const flowId = pathParam(c, "id", ZFlowId);
    const body = await readJsonObject(c, 'Send a JSON object: {"name", "draft": [steps], "publish"?, "enabled"?}');
    const ifMatch = c.req.header("if-match");
    const precondition =
      ifMatch === undefined
        ? undefined
        : (version: string | null) => {
            if (ifMatchAllows(ifMatch, version)) return;
            throw new EngineError(
              "CONFLICT",
              "precondition_failed",
              version === null ? "If-Match was sent but the flow does not exist" : `If-Match does not match the flow's current ETag ${flowEtag(version)}`,
            );
          };
    const result = await saveFlow({ ctx: tokenCtx(c, deps), input: { ...body, flowId }, precondition }).catch(specific);
    c.header("ETag", flowEtag(result.version));
    if (result.created) c.header("Location", `/api/v1/flows/${encodeURIComponent(flowId)}`);
    return c.json({ flow: result.flow }, result.created ? 201 : 200);
  });

  app.delete("/:id", async (c) => {
    await deleteFlow({ ctx: tokenCtx(c, deps), input: { flowId: pathParam(c, "id", ZFlowId) } }).catch(specific);
    return c.body(null, 204);
  });

  return app;
}
