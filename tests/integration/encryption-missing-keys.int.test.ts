import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { connections } from "@/server/db/schema";
import { openDatabase } from "@/server/db/client";
import { assertSealedKeysPresent } from "@/server/encryption/missing-keys";
import { getEncryptionStatus } from "@/server/encryption/encryption-status";
import { recheckConnection } from "@/server/health/recheck-connection";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { engineFixture } from "../support/engine-api";
import { createUser, projectWithMember } from "../support/factories";
import { createKeyConnection } from "../support/flows";
import { insertOAuthConnection, insertOtherSealedKinds, newKey, useKeyRing } from "../support/sealed-values";

// A key removed from the ring is the operator's configuration error: start-up refuses with one line,
// ALLOW_MISSING_KEYS=1 starts anyway, the engine answers 409 and no check ever changes a status.

const K1 = newKey("k1");
const K3 = newKey("k3");
let tdb: TestDatabase;
beforeAll(async () => {
  useKeyRing(K1);
  tdb = await createTestDatabase();
});
afterAll(async () => {
  useKeyRing(K1);
  await tdb?.dispose();
});

function startServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", PORT: "0", AUTH_SECRET: "x".repeat(32), LOG_LEVEL: "warn", ...env },
      cwd: process.cwd(),
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 40_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe(`values sealed with a key missing from the ring (${databaseLabel()})`, () => {
  it("start-up refuses with one line naming the key ids and counts", async () => {
    let env: Record<string, string>;
    if (tdb.url) {
      const { ctx } = await projectWithMember(tdb.db, "ADMIN");
      await createKeyConnection(ctx, "Sealed with k1");
      env = { DATABASE_URL: tdb.url };
    } else {
      // The embedded database belongs to one process: seed one on disk, close it, start on it.
      const dir = mkdtempSync(path.join(os.tmpdir(), "cm-keys-"));
      const handle = await openDatabase({ dir: path.join(dir, "pglite") });
      await createKeyConnection((await projectWithMember(handle.db, "ADMIN")).ctx, "Sealed with k1");
      await handle.close();
      env = { DATA_DIR: dir };
    }
    const { code, stderr } = await startServer({ ...env, ENCRYPTION_KEYS: K3 });
    expect(code).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      "Start-up failed: Values are sealed with encryption keys missing from the key ring: k1 (connections: 1). " +
        "Add them back to ENCRYPTION_KEYS, or set ALLOW_MISSING_KEYS=1 to start anyway.",
    );
  }, 60_000);

  it("ALLOW_MISSING_KEYS=1: starts, the engine answers 409 with the key id, checks change no status, the webhook test is a 409", async () => {
    useKeyRing(K1);
    const fx = await engineFixture(tdb);
    const oauthId = await insertOAuthConnection(tdb.db, fx.ctx, "at-k1");
    const admin = await createUser(tdb.db, { admin: true });
    await insertOtherSealedKinds(tdb.db, fx.ctx, oauthId, admin.id);

    useKeyRing(K3, { ALLOW_MISSING_KEYS: undefined });
    await expect(assertSealedKeysPresent(tdb.db, useKeyRing(K3))).rejects.toThrow(
      /k1 \(connections: \d+, OAuth app client secrets: 1, webhook signing secrets: 1, pending OAuth authorizations: 1\)/,
    );
    const ring = useKeyRing(K3, { ALLOW_MISSING_KEYS: "1" });
    await expect(assertSealedKeysPresent(tdb.db, ring)).resolves.toBeUndefined();

    const [oauth] = await tdb.db.select().from(connections).where(eq(connections.id, oauthId));
    for (const externalId of [fx.conn.externalId, oauth!.externalId]) {
      const res = await fx.call(`/worker/connections/${externalId}`);
      expect(res.status).toBe(409);
      const body = await res.json();
      expect(body).toMatchObject({ error: "connection_undecryptable", keyId: "k1" });
      expect(body.message).toMatch(/key ring lacks/);
    }
    const resolved = await fx.call("/worker/resolve", {
      method: "POST",
      body: JSON.stringify({ input: { auth: `{{connections['${fx.conn.externalId}']}}` } }),
    });
    expect(resolved.status).toBe(409);
    expect(await resolved.json()).toMatchObject({ error: "connection_undecryptable", keyId: "k1", externalId: fx.conn.externalId });

    for (const id of [fx.conn.id, oauthId]) {
      const result = await recheckConnection(tdb.db, fx.ctx.projectId, id, fx.ctx.actor);
      expect(result).toMatchObject({ outcome: "undecryptable", status: "ACTIVE" });
      const [row] = await tdb.db.select().from(connections).where(eq(connections.id, id));
      expect(row!.status).toBe("ACTIVE");
    }

    const caller = createCaller({ db: tdb.db, user: { id: fx.ctx.actor.id!, email: fx.ctx.actor.label, name: "admin", isPlatformAdmin: false } });
    await expect(caller.notifications.sendTest({ projectId: fx.ctx.projectId })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/“k1”/),
    });

    const status = await getEncryptionStatus(tdb.db, ring);
    expect(status.missingKeyIds).toEqual(["k1"]);
    expect(status.allowMissingKeys).toBe(true);

    // The key is back: the same rows work again, still Active.
    useKeyRing(`${K3},${K1}`, { ALLOW_MISSING_KEYS: undefined });
    expect((await fx.call(`/worker/connections/${fx.conn.externalId}`)).status).toBe(200);
    await fx.engine.usage.idle();
  });
});
