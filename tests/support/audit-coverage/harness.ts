import { createApiKey } from "@/server/api-tokens/create-api-key";
import { createCaller } from "@/server/api/root";
import type { ProjectCtx } from "@/server/context";
import { createEngineApp } from "@/server/http/engine-app";
import type { SessionUser } from "@/server/users/authenticate";
import { API_KEY_SCOPES } from "@/schemas/api-keys";
import type { TestDatabase } from "../db";
import { addMembership, createUser, projectWithMember, uniq } from "../factories";
import { createKeyConnection, fakeKey } from "../flows";
import type { OAuthTestProvider } from "../oauth";

/**
 * Who the mocked next-auth `auth()` says is signed in, for server actions, and the sign-ins the
 * mocked `signIn()` was asked for (it sets a cookie, which needs a request: the fixture checks
 * the credentials it was given really work).
 */
export const signedIn: { userId: string | null; signIns: { provider: string; options: unknown }[] } = { userId: null, signIns: [] };

export type Harness = Awaited<ReturnType<typeof createHarness>>;

/**
 * One project administered by a platform admin, a tRPC caller and a signed-in session for them, an
 * API key with every scope for the machine API, and the local OAuth provider. Fixtures use it to
 * run each mutation once, successfully.
 */
export async function createHarness(tdb: TestDatabase, oauth: OAuthTestProvider) {
  const { user, ctx } = await projectWithMember(tdb.db, "ADMIN");
  const admin: SessionUser = { id: user.id, email: user.email, name: user.name ?? user.email, isPlatformAdmin: true };
  await tdb.db.execute((await import("drizzle-orm")).sql`update users set is_platform_admin = true where id = ${user.id}`);
  const api = createCaller({ db: tdb.db, user: admin, requestOrigin: "http://localhost:3999" });
  const engine = createEngineApp({ db: tdb.db, tokenCacheMs: 0 });
  const apiKey = (await createApiKey({ ctx, input: { name: "coverage", scopes: [...API_KEY_SCOPES] } })).token;
  signedIn.userId = user.id;
  /** Every secret a fixture handed to the app: none may appear in an audit row. */
  const secrets: string[] = [apiKey];

  return {
    db: tdb.db,
    ctx: ctx as ProjectCtx,
    projectId: ctx.projectId,
    admin,
    api,
    engine,
    oauth,
    secrets,
    secret(prefix = "sk-") {
      const s = fakeKey(prefix);
      secrets.push(s);
      return s;
    },
    async connection(name = uniq("Conn")) {
      return createKeyConnection(ctx, name);
    },
    async member(role: "ADMIN" | "EDITOR" | "VIEWER" = "VIEWER") {
      const u = await createUser(tdb.db);
      await addMembership(tdb.db, ctx.projectId, u.id, role);
      return u;
    },
    http(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      return engine.app.request(`/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
  };
}
