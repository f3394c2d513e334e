import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { apiKeyProjectCtx } from "@/server/authz/api-key";
import type { ProjectCtx } from "@/server/context";
import { deleteFlow } from "@/server/flows/delete-flow";
import { saveFlow } from "@/server/flows/save-flow";
import { NotFoundError } from "@/server/errors";
import { EngineError } from "@/server/engine/errors";
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

  app.put(
    "/:id",
    bodyLimit({ maxSize: MAX_FLOW_BYTES, onError: (c) => c.json({ error: "payload_too_large", message: "The flow is too large" }, 413) }),
    async (c) => {
      const body = await c.req.json<unknown>().catch(() => undefined);
      if (!body || typeof body !== "object" || Array.isArray(body)) {
        return c.json({ error: "invalid_request", message: 'Send a JSON object: {"name", "draft": [steps], "publish"?, "enabled"?}' }, 400);
      }
      const result = await saveFlow({ ctx: tokenCtx(c, deps), input: { ...body, flowId: c.req.param("id") } }).catch(specific);
      return c.json({ flow: result.flow }, result.created ? 201 : 200);
    },
  );

  app.delete("/:id", async (c) => {
    await deleteFlow({ ctx: tokenCtx(c, deps), input: { flowId: c.req.param("id") } }).catch(specific);
    return c.body(null, 204);
  });

  return app;
}
