import { Hono } from "hono";
import { createEmbedSession, PickerRoleError } from "@/server/embed/sessions";
import { NotFoundError } from "@/server/errors";
import { EngineError } from "@/server/engine/errors";
import { limitBody, readJsonObject } from "../body";
import { publicOrigin } from "../public-origin";
import type { EngineDeps, EngineEnv } from "../types";

/**
 * The workflow editor's back end asks here, with a project API key (scope embed:sessions), for a
 * one-time token that opens the connection picker in an iframe for one member of that project.
 */
export function embedRoutes(deps: EngineDeps) {
  const app = new Hono<EngineEnv>();

  app.post("/sessions", limitBody(16 * 1024, "The request is too large"), async (c) => {
    const body = await readJsonObject(c, 'Send a JSON object: {"userEmail": "…", "ttlSeconds"?: 30–300}');
    const { key: token } = c.get("principal");
    const session = await createEmbedSession(deps.db, { projectId: token.projectId, apiTokenId: token.id }, body).catch((err: unknown) => {
      if (err instanceof NotFoundError) throw new EngineError("NOT_FOUND", "user_not_found", err.message);
      if (err instanceof PickerRoleError) throw new EngineError("FORBIDDEN", "insufficient_role", err.message);
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
  });

  return app;
}
