import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createEmbedSession } from "@/server/embed/sessions";
import { NotFoundError } from "@/server/errors";
import { EngineError } from "@/server/engine/errors";
import { publicOrigin } from "../public-origin";
import type { EngineDeps, EngineEnv } from "../types";

/**
 * The workflow editor's back end asks here, with a project API key (scope embed:sessions), for a
 * one-time token that opens the connection picker in an iframe for one member of that project.
 */
export function embedRoutes(deps: EngineDeps) {
  const app = new Hono<EngineEnv>();

  app.post(
    "/sessions",
    bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.json({ error: "payload_too_large", message: "The request is too large" }, 413) }),
    async (c) => {
      const body = await c.req.json<unknown>().catch(() => undefined);
      if (!body || typeof body !== "object" || Array.isArray(body)) {
        return c.json({ error: "invalid_request", message: 'Send a JSON object: {"userEmail": "…", "ttlSeconds"?: 30–300}' }, 400);
      }
      const token = c.get("token");
      const session = await createEmbedSession(deps.db, { projectId: token.projectId, apiTokenId: token.id }, body).catch((err: unknown) => {
        if (err instanceof NotFoundError) throw new EngineError("NOT_FOUND", "user_not_found", err.message);
        throw err;
      });
      const pickerPath = `/embed/connections?token=${encodeURIComponent(session.token)}`;
      return c.json(
        {
          token: session.token,
          expiresAt: session.expiresAt.toISOString(),
          projectId: session.projectId,
          pickerPath,
          pickerUrl: `${publicOrigin(c.req.raw)}${pickerPath}`,
        },
        201,
        { "cache-control": "no-store" },
      );
    },
  );

  return app;
}
