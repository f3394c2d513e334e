import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { actorOf } from "@/server/authz/principal";
import type { Actor } from "@/server/context";
import { EngineError } from "@/server/engine/errors";
import { getConnectionValue } from "@/server/engine/get-connection-value";
import { resolveInput } from "@/server/engine/resolve-input";
import { FLOW_ID_PATTERN } from "@/schemas/flows";
import { sendJson } from "../send-json";
import type { EngineDeps, EngineEnv } from "../types";

const MAX_RESOLVE_BYTES = 1024 * 1024;

function flowIdOf(c: Context<EngineEnv>): string | null {
  const header = c.req.header("x-flow-id");
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
    const flowId = flowIdOf(c);
    const token = c.get("principal").key;
    const actor = tokenActor(c);
    const connection = await getConnectionValue({ db: deps.db, actor, projectId: token.projectId, externalId: c.req.param("externalId") });
    deps.usage.connectionUsed({ projectId: token.projectId, connection, flowId, actor });
    return sendJson(c, connection);
  });

  app.post(
    "/resolve",
    bodyLimit({
      maxSize: MAX_RESOLVE_BYTES,
      onError: (c) => c.json({ error: "payload_too_large", message: `The body is limited to ${MAX_RESOLVE_BYTES} bytes` }, 413),
    }),
    async (c) => {
      const flowId = flowIdOf(c);
      const body = await c.req.json<unknown>().catch(() => undefined);
      if (!body || typeof body !== "object" || !("input" in body)) {
        return c.json({ error: "invalid_request", message: 'Send a JSON object: {"input": <any JSON>}' }, 400);
      }
      const token = c.get("principal").key;
      const actor = tokenActor(c);
      const { output, used } = await resolveInput({ db: deps.db, actor, projectId: token.projectId, input: body.input });
      for (const connection of used) deps.usage.connectionUsed({ projectId: token.projectId, connection, flowId, actor });
      return sendJson(c, { output });
    },
  );

  return app;
}
