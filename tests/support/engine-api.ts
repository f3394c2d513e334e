import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createApiKey } from "@/server/api-tokens/create-api-key";
import type { ProjectCtx } from "@/server/context";
import { createEngineApp } from "@/server/http/engine-app";
import { engineListener } from "@/server/http/machine-api";
import type { ApiKeyScope } from "@/schemas/api-keys";
import type { TestDatabase } from "./db";
import { projectWithMember } from "./factories";
import { createKeyConnection } from "./flows";

export type Engine = ReturnType<typeof createEngineApp>;

export async function apiKey(project: ProjectCtx, scopes: ApiKeyScope[] = ["connections:read"]) {
  return (await createApiKey({ ctx: project, input: { name: `key ${scopes.join("+")}`, scopes } })).token;
}

// One loopback server per engine, started on first use: requests go over real HTTP through the
// same listener server.ts and engine.ts mount (the lean hot GET first, then Hono). Unreferenced,
// so an idle server never keeps a test process alive.
const origins = new WeakMap<Engine, Promise<string>>();

function originOf(engine: Engine): Promise<string> {
  let origin = origins.get(engine);
  if (!origin) {
    const server = createServer(engineListener(engine, { overrideGlobalObjects: false }));
    server.on("connection", (socket) => socket.unref());
    origin = new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
    server.unref();
    origins.set(engine, origin);
  }
  return origin;
}

/** A request to an engine app over HTTP, as the flow engine sends it. */
export async function engineRequest(engine: Engine, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${await originOf(engine)}/api/v1${path}`, init);
}

/**
 * Two projects, a connections:read key of the first, one of its connections (and that
 * connection's secret as the API returns it), and `call` for requests to the engine over HTTP.
 */
export async function engineFixture(tdb: TestDatabase) {
  const ctx = (await projectWithMember(tdb.db, "ADMIN")).ctx;
  const other = (await projectWithMember(tdb.db, "ADMIN")).ctx;
  const readKey = await apiKey(ctx);
  const engine = createEngineApp({ db: tdb.db, tokenCacheMs: 0 });
  const conn = await createKeyConnection(ctx, "Engine key");

  const call = (path: string, init: RequestInit & { token?: string | null } = {}, app: Engine = engine) => {
    const headers = new Headers(init.headers);
    const token = init.token === undefined ? readKey : init.token;
    if (token) headers.set("authorization", `Bearer ${token}`);
    if (init.body) headers.set("content-type", "application/json");
    return engineRequest(app, path, { ...init, headers });
  };
  const secret = ((await (await call(`/worker/connections/${conn.externalId}`)).json()) as { value: { secret_text: string } }).value.secret_text;
  return { ctx, other, readKey, engine, conn, secret, call };
}
