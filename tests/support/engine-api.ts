import { createApiKey } from "@/server/api-tokens/create-api-key";
import type { ProjectCtx } from "@/server/context";
import { createEngineApp } from "@/server/http/engine-app";
import type { ApiKeyScope } from "@/schemas/api-keys";
import type { TestDatabase } from "./db";
import { projectWithMember } from "./factories";
import { createKeyConnection } from "./flows";

export type EngineApp = ReturnType<typeof createEngineApp>["app"];

export async function apiKey(project: ProjectCtx, scopes: ApiKeyScope[] = ["connections:read"]) {
  return (await createApiKey({ ctx: project, input: { name: `key ${scopes.join("+")}`, scopes } })).token;
}

/**
 * Two projects, a connections:read key of the first, one of its connections (and that
 * connection's secret as the API returns it), and `call` for requests to the Hono app.
 */
export async function engineFixture(tdb: TestDatabase) {
  const ctx = (await projectWithMember(tdb.db, "ADMIN")).ctx;
  const other = (await projectWithMember(tdb.db, "ADMIN")).ctx;
  const readKey = await apiKey(ctx);
  const engine = createEngineApp({ db: tdb.db, tokenCacheMs: 0 });
  const conn = await createKeyConnection(ctx, "Engine key");

  const call = (path: string, init: RequestInit & { token?: string | null } = {}, app: EngineApp = engine.app) => {
    const headers = new Headers(init.headers);
    const token = init.token === undefined ? readKey : init.token;
    if (token) headers.set("authorization", `Bearer ${token}`);
    if (init.body) headers.set("content-type", "application/json");
    return app.request(`/api/v1${path}`, { ...init, headers });
  };
  const secret = ((await (await call(`/worker/connections/${conn.externalId}`)).json()) as { value: { secret_text: string } }).value.secret_text;
  return { ctx, other, readKey, engine, conn, secret, call };
}
