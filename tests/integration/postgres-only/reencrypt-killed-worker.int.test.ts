import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openConnectionValue } from "@/server/connections/open-value";
import { SYSTEM_ACTOR } from "@/server/context";
import { connections } from "@/server/db/schema";
import { countSealedByKey } from "@/server/encryption/count-sealed";
import { runReencryption } from "@/server/encryption/run-reencryption";
import { syncCurrentKey } from "@/server/encryption/sync-current-key";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { projectWithMember } from "../../support/factories";
import { insertOAuthConnection, newKey, useKeyRing } from "../../support/sealed-values";
import { rows } from "../../support/sql";

// A real worker process (npm run keys -- reencrypt) killed with SIGKILL in mid-run: its claimed
// batch stays leased; once the lease lapses another worker finishes, every value intact.
const K1 = newKey("k1");
const K2 = newKey("k2");
const COUNT = 400;
let tdb: TestDatabase;

beforeAll(async () => {
  useKeyRing(K1);
  tdb = await createTestDatabase();
});
afterAll(async () => {
  useKeyRing(K1);
  await tdb?.dispose();
});

describe("re-encryption survives a killed worker (postgres)", () => {
  it("SIGKILL in mid-batch, then a resumed run re-seals the rest exactly once", async () => {
    const { ctx } = await projectWithMember(tdb.db, "EDITOR");
    const ids: string[] = [];
    for (let i = 0; i < COUNT; i++) ids.push(await insertOAuthConnection(tdb.db, ctx, `at-${i}`));
    await syncCurrentKey(tdb.db, useKeyRing(K1), SYSTEM_ACTOR);

    const worker = spawn(process.execPath, ["--import", "tsx", "scripts/keys.ts", "reencrypt"], {
      env: {
        PATH: process.env.PATH ?? "",
        DATABASE_URL: tdb.url!,
        ENCRYPTION_KEYS: `${K2},${K1}`,
        LOG_LEVEL: "warn",
        REENCRYPT_BATCH_SIZE: "50",
        REENCRYPT_MAX_PER_SECOND: "100",
        NODE_ENV: "production",
      },
      stdio: "ignore",
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => worker.on("exit", (_code, signal) => resolve(signal)));
    const resealed = async () => (await countSealedByKey(tdb.db)).find((c) => c.keyId === "k2")?.count ?? 0;
    const leasedNow = async () =>
      (await rows<{ n: number }>(tdb.db, sql`select count(*)::int as n from connections where key_id = 'k1' and reseal_lease_until > now()`))[0]!.n;
    // Kill in the middle of a batch (50 values at 100/s: about half a second each), not between two.
    for (let i = 0; i < 400; i++) {
      const done = await resealed();
      if (done >= 50 && done % 50 >= 5 && done % 50 <= 35 && (await leasedNow()) > 0) break;
      await sleep(20);
    }
    worker.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    const atKill = await resealed();
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(COUNT);
    expect(await leasedNow()).toBeGreaterThan(0);

    const ring = useKeyRing(`${K2},${K1}`);
    const run = await runReencryption(tdb.db, { ring, budgetMs: 25_000, now: () => new Date(Date.now() + 3 * 60_000) });
    expect(run.finished).toBe(true);
    expect(run.resealed).toBe(COUNT - atKill);
    expect((await countSealedByKey(tdb.db)).map((c) => [c.keyId, c.count])).toEqual([["k2", COUNT]]);
    const all = await tdb.db.select().from(connections);
    const byId = new Map(all.map((r) => [r.id, r]));
    ids.forEach((id, i) => expect(openConnectionValue(byId.get(id)!)).toMatchObject({ access_token: `at-${i}` }));
  }, 60_000);
});
