import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findConnectionOrThrow } from "@/server/connections/find";
import { openDatabase } from "@/server/db/client";
import type { DatabaseHandle } from "@/server/db/types";
import { getFreshOAuthValue } from "@/server/oauth/refresh/get-fresh-value";
import { runDueRefreshes } from "@/server/oauth/refresh/scheduler";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { projectWithMember } from "../../support/factories";
import { connectThroughProvider, makeDue, oauthValueOf, startTestProvider, stopTestProvider, type OAuthTestProvider } from "../../support/oauth";

// Three app instances sharing one PostgreSQL database: each worker has its own connection pool,
// so only the database can keep them from refreshing the same token twice.
const WORKERS = 3;
const ROUNDS = 20;

let tdb: TestDatabase;
let provider: OAuthTestProvider;
let workers: DatabaseHandle[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  provider = await startTestProvider();
  workers = await Promise.all(Array.from({ length: WORKERS }, () => openDatabase({ url: tdb.url! })));
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await stopTestProvider(provider);
  await tdb?.dispose();
});

describe("OAuth2 refresh across instances (postgres)", () => {
  it(`${WORKERS} workers racing ${ROUNDS} times on a near-expiry token refresh it exactly once per expiry`, async () => {
    const { ctx, user } = await projectWithMember(tdb.db, "EDITOR");
    const connection = await connectThroughProvider(provider, ctx, user, { displayName: "Raced" });
    const handedOut = new Set<string>();

    for (let round = 1; round <= ROUNDS; round++) {
      await makeDue(tdb.db, connection.id, 60_000);
      const stale = await findConnectionOrThrow(tdb.db, ctx.projectId, connection.id);
      const before = oauthValueOf(stale).access_token;
      // Each worker both uses the connection (a flow run) and runs its scheduler, all at once.
      const results = await Promise.all(
        workers.flatMap((w) => [getFreshOAuthValue({ db: w.db }, stale).then((v) => v.access_token), runDueRefreshes(w.db).then(() => null)]),
      );
      for (const token of results) if (token) handedOut.add(token);

      expect(provider.refreshGrants(), `round ${round}`).toBe(round);
      const after = await findConnectionOrThrow(tdb.db, ctx.projectId, connection.id);
      expect(after, `round ${round}`).toMatchObject({ status: "ACTIVE", refreshLeaseUntil: null, refreshFailures: 0 });
      expect(oauthValueOf(after).access_token).not.toBe(before);
      for (const token of results) if (token) expect([before, oauthValueOf(after).access_token]).toContain(token);
    }

    const refreshes = provider.tokenRequests.filter((r) => r.grantType === "refresh_token");
    expect(refreshes).toHaveLength(ROUNDS);
    expect(refreshes.every((r) => r.status === 200)).toBe(true);
    expect(handedOut.size).toBeGreaterThan(1);
  });
});
