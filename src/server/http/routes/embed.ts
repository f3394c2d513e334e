import { Hono } from "hono";
import { createEmbedSession, PickerRoleError } from "@/server/embed/sessions";
import { NotFoundError } from "@/server/errors";
import { EngineError } from "@/server/engine/errors";
import { readJsonObject } from "../body";
import { publicOrigin } from "../public-origin";
import type { EngineDeps, EngineEnv } from "../types";

/**
 * The workflow editor's back end asks here, with a project API key (scope embed:sessions), for a
 * one-time token that opens the connection picker in an iframe for one member of that project.
 */
export function embedRoutes(deps: EngineDeps) {
  const app = new Hono<EngineEnv>();

  // The key check and the body limit are registered from api-contract.ts (engine-app.ts).
  app.post("/sessions", async (c) => {
    const body = await readJsonObject(c, 'Send a JSON object: {"userEmail": "…", "ttlSeconds"?: 30–300}');
    const { key: token } = c.get("principal");
    const session = await createEmbedSession(deps.db, { projectId: token.projectId, apiTokenId: token.id }, body).catch((err: unknown) => {
      if (err instanceof NotFoundError) throw new EngineError("NOT_FOUND", "user_not_found", err.message);
      if (err instanceof PickerRoleError) throw new EngineError("FORBIDDEN", "insufficient_role", err.message);
      throw err;
    });
    const pickerPath = `/embed/connections?token=${encodeURIComponent(session.token)}`;
    const pickerUrl = `${publicOrigin(c.req.raw)}${pickerPath}`;
    return c.json(
      {
        token: session.token,
        expiresAt: session.expiresAt.toISOString(),
        projectId: session.projectId,
        pickerPath,
        pickerUrl,
      },
      201,
      // The session is a one-time resource with no URL of its own: Location is where it is used.
      { "cache-control": "no-store", location: pickerUrl },
    );
  });

  return app;
}
