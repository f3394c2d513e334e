import { sql } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/server/context";
import { openConnectionValue } from "@/server/connections/open-value";
import { countSealedByKey } from "@/server/encryption/count-sealed";
import { getEncryptionStatus } from "@/server/encryption/encryption-status";
import { runReencryption } from "@/server/encryption/run-reencryption";
import { syncCurrentKey } from "@/server/encryption/sync-current-key";
import { resolveOAuthPiece } from "@/server/oauth/provider/settings";
import { tokenColumns } from "@/server/oauth/authorize/store-tokens";
import { openWebhookSecret } from "@/server/notifications/webhook-secret";
import { openClientSecret } from "@/server/oauth/apps/configured-clients";
import { openStatePayload } from "@/server/oauth/authorize/state";
import { connections, oauthApps, oauthStates, projectSettings } from "@/server/db/schema";
import { eq } from "drizzle-orm";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { projectWithMember } from "../support/factories";
import { createKeyConnection } from "../support/flows";
import { insertOAuthConnection, insertOtherSealedKinds, keyIdOf, newKey, useKeyRing } from "../support/sealed-values";
import { rows } from "../support/sql";

// Rotation end to end on the real database: every sealed kind moves to the new key, concurrent
// writes win over the job, a crashed batch is picked up again.

const K1 = newKey("k1");
const K2 = newKey("k2");
const open: TestDatabase[] = [];
async function freshDatabase() {
  const tdb = await createTestDatabase();
  open.push(tdb);
  return tdb;
}
afterEach(() => void useKeyRing(K1));
afterAll(async () => {
  for (const tdb of open) await tdb.dispose();
});

const platformActions = async (tdb: TestDatabase) =>
  (await rows<{ action: string }>(tdb.db, sql`select action from audit_events where project_id is null order by id`)).map((r) => r.action);

describe(`re-encryption after a rotation (${databaseLabel()})`, () => {
  it("re-seals every kind with the new key; each opens to its original; k1 can then be removed", async () => {
    useKeyRing(K1);
    const tdb = await freshDatabase();
    const { ctx, user } = await projectWithMember(tdb.db, "ADMIN");
    const keyConn = await createKeyConnection(ctx, "Key one");
    const before = openConnectionValue((await tdb.db.select().from(connections).where(eq(connections.id, keyConn.id)))[0]!);
    const oauthId = await insertOAuthConnection(tdb.db, ctx, "at-original");
    const others = await insertOtherSealedKinds(tdb.db, ctx, oauthId, user.id);
    expect(await syncCurrentKey(tdb.db, useKeyRing(K1), SYSTEM_ACTOR)).toBe("recorded");
    expect((await countSealedByKey(tdb.db)).every((c) => c.keyId === "k1")).toBe(true);

    const ring = useKeyRing(`${K2},${K1}`);
    expect(await syncCurrentKey(tdb.db, ring, SYSTEM_ACTOR)).toBe("rotated");
    const run = await runReencryption(tdb.db, { ring, budgetMs: 20_000 });
    expect(run).toMatchObject({ resealed: 5, failed: 0, finished: true });

    const counts = await countSealedByKey(tdb.db);
    expect(counts.map((c) => [c.kind, c.keyId, c.count])).toEqual(
      expect.arrayContaining([
        ["connection", "k2", 2],
        ["oauth_app_secret", "k2", 1],
        ["oauth_state", "k2", 1],
        ["webhook_secret", "k2", 1],
      ]),
    );
    expect(counts.some((c) => c.keyId === "k1")).toBe(false);

    // Opens with k2 alone, to the same plaintexts.
    useKeyRing(K2);
    const [conn] = await tdb.db.select().from(connections).where(eq(connections.id, keyConn.id));
    expect(openConnectionValue(conn!)).toEqual(before);
    const [oauthConn] = await tdb.db.select().from(connections).where(eq(connections.id, oauthId));
    expect(openConnectionValue(oauthConn!)).toMatchObject({ access_token: "at-original" });
    const [app] = await tdb.db.select().from(oauthApps);
    expect(openClientSecret("gmail", app!)).toBe(others.clientSecret);
    const [settings] = await tdb.db.select().from(projectSettings);
    expect(openWebhookSecret(ctx.projectId, { webhookSecret: settings!.webhookSecret!, webhookKeyId: settings!.webhookKeyId! })).toBe(others.webhookSecret);
    const [state] = await tdb.db.select().from(oauthStates);
    expect(openStatePayload(state!.stateHash, state!).codeVerifier).toBe(others.codeVerifier);

    const status = await getEncryptionStatus(tdb.db, useKeyRing(`${K2},${K1}`));
    expect(status.keys.find((k) => k.keyId === "k1")).toMatchObject({ total: 0, removable: true });
    expect(status.job).toMatchObject({ status: "finished", keyId: "k2", total: 5, resealed: 5, failed: 0, remaining: 0, progress: 1 });
    expect(await platformActions(tdb)).toEqual(["encryption.key_rotated", "encryption.reencrypt_started", "encryption.reencrypt_finished"]);
  });

  it("a token refreshed while the job runs keeps the refreshed token (the job's write is refused)", async () => {
    useKeyRing(K1);
    const tdb = await freshDatabase();
    const { ctx } = await projectWithMember(tdb.db, "EDITOR");
    const a = await insertOAuthConnection(tdb.db, ctx, "at-a-old");
    const b = await insertOAuthConnection(tdb.db, ctx, "at-b-old");
    await syncCurrentKey(tdb.db, useKeyRing(K1), SYSTEM_ACTOR);
    const ring = useKeyRing(`${K2},${K1}`);
    await syncCurrentKey(tdb.db, ring, SYSTEM_ACTOR);

    const { auth } = resolveOAuthPiece("gmail");
    let refreshed: string | null = null;
    const run = await runReencryption(tdb.db, {
      ring,
      batchSize: 10,
      concurrency: 1,
      budgetMs: 20_000,
      // After the first value of the batch, the other one's token is refreshed and written the
      // way the refresh writes it: the job still holds that row's old ciphertext.
      onValue: async () => {
        if (refreshed) return;
        const [stale] = await rows<{ id: string }>(tdb.db, sql`select id from connections where key_id = 'k1' limit 1`);
        refreshed = stale!.id;
        const value = {
          type: "OAUTH2" as const,
          access_token: "at-refreshed",
          refresh_token: "rt-2",
          token_type: "Bearer",
          expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        };
        await tdb.db
          .update(connections)
          .set(tokenColumns(stale!.id, auth, value, "authorization_code", new Date()))
          .where(eq(connections.id, stale!.id));
      },
    });
    expect(run).toMatchObject({ resealed: 1, superseded: 1, finished: true });
    const other = refreshed === a ? b : a;
    const [fresh] = await tdb.db.select().from(connections).where(eq(connections.id, refreshed!));
    expect(fresh!.keyId).toBe("k2");
    expect(openConnectionValue(fresh!)).toMatchObject({ access_token: "at-refreshed", refresh_token: "rt-2" });
    const [untouched] = await tdb.db.select().from(connections).where(eq(connections.id, other));
    expect(openConnectionValue(untouched!)).toMatchObject({ access_token: other === a ? "at-a-old" : "at-b-old" });
    expect(await keyIdOf(tdb.db, other)).toBe("k2");
  });

  it("a worker that dies mid-batch leaves its claim; once the lease lapses a new run finishes", async () => {
    useKeyRing(K1);
    const tdb = await freshDatabase();
    const { ctx } = await projectWithMember(tdb.db, "EDITOR");
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await insertOAuthConnection(tdb.db, ctx, `at-${i}`));
    await syncCurrentKey(tdb.db, useKeyRing(K1), SYSTEM_ACTOR);
    const ring = useKeyRing(`${K2},${K1}`);
    await syncCurrentKey(tdb.db, ring, SYSTEM_ACTOR);

    let processed = 0;
    const crash = runReencryption(tdb.db, {
      ring,
      batchSize: 10,
      concurrency: 1,
      onValue: () => {
        if (++processed === 15) throw new Error("worker killed");
      },
    });
    await expect(crash).rejects.toThrow("worker killed");
    const mid = await countSealedByKey(tdb.db);
    expect(mid.find((c) => c.keyId === "k2")?.count).toBe(15);
    // Resumed by the same or another instance: its own run leaves the dead claim alone…
    const early = await runReencryption(tdb.db, { ring, budgetMs: 1_500 });
    expect(early.finished).toBe(false);
    expect((await countSealedByKey(tdb.db)).find((c) => c.keyId === "k1")?.count).toBe(5);
    // …until the lease has lapsed.
    const later = () => new Date(Date.now() + 3 * 60_000);
    const resumed = await runReencryption(tdb.db, { ring, budgetMs: 20_000, now: later });
    expect(resumed.finished).toBe(true);
    expect((await countSealedByKey(tdb.db)).map((c) => [c.keyId, c.count])).toEqual([["k2", 30]]);
    useKeyRing(K2);
    for (const [i, id] of ids.entries()) {
      const [row] = await tdb.db.select().from(connections).where(eq(connections.id, id));
      expect(openConnectionValue(row!)).toMatchObject({ access_token: `at-${i}` });
    }
  });
});
