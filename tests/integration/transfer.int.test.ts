import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { SYSTEM_ACTOR, type ProjectCtx } from "@/server/context";
import { decryptJson, encryptJson } from "@/server/crypto/envelope";
import { closeDatabase } from "@/server/db/client";
import { connections } from "@/server/db/schema";
import { createEngineApp } from "@/server/http/engine-app";
import { setOAuthApp } from "@/server/oauth/apps/set-oauth-app";
import { getKeyRing } from "@/server/secrets/key-ring";
import { exportConnections } from "@/server/transfer/export-connections";
import { importConnections } from "@/server/transfer/import-connections";
import { runCommand } from "../support/cli";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { apiKey } from "../support/engine-api";
import { projectWithMember } from "../support/factories";
import { createKeyConnection, saveTestFlow, step } from "../support/flows";
import { rows } from "../support/sql";

// Export from one installation, import into a second fresh one with another key ring, and prove
// the engine API there resolves the same values; conflicts, wrong passphrases and changed bytes
// change nothing.

const PASS = "a long export passphrase";
const RING_KEY = Symbol.for("connections-manager.key-ring");
const dir = mkdtempSync(path.join(os.tmpdir(), "cm-transfer-"));

function useKeyRing(spec: string) {
  process.env.ENCRYPTION_KEYS = spec;
  resetEnvCache();
  delete (globalThis as Record<symbol, unknown>)[RING_KEY];
}

let source: TestDatabase;
let target: TestDatabase;
let src: ProjectCtx;
let dst: ProjectCtx;
const ringA = `srcA:${randomBytes(32).toString("base64")}`;
const ringB = `dstB:${randomBytes(32).toString("base64")}`;
const originalRing = process.env.ENCRYPTION_KEYS!;

// The CLI opens "the" database through getDatabase(): point it at one test database at a time.
async function cliOn(tdb: TestDatabase, name: string, args: string[], stdin = `${PASS}\n`) {
  await closeDatabase();
  const g = globalThis as Record<symbol, unknown>;
  g[Symbol.for("connections-manager.db")] = Promise.resolve({ ...tdb, close: async () => {} });
  try {
    return await runCommand(name, args, stdin);
  } finally {
    delete g[Symbol.for("connections-manager.db")];
  }
}

async function counts(tdb: TestDatabase, projectId: string) {
  const [r] = await rows<{ c: number; f: number; a: number; o: number }>(
    tdb.db,
    sql`select (select count(*)::int from connections where project_id = ${projectId}) as c,
               (select count(*)::int from flows where project_id = ${projectId}) as f,
               (select count(*)::int from audit_events where project_id = ${projectId}) as a,
               (select count(*)::int from oauth_apps) as o`,
  );
  return r!;
}

const values: Record<string, unknown> = {};

beforeAll(async () => {
  useKeyRing(ringA);
  source = await createTestDatabase();
  target = await createTestDatabase();
  src = (await projectWithMember(source.db, "ADMIN")).ctx;
  dst = (await projectWithMember(target.db, "ADMIN")).ctx;

  const key = await createKeyConnection(src, "OpenAI team");
  const oauthId = randomUUID();
  const oauthValue = {
    type: "OAUTH2",
    access_token: `at-${randomUUID()}`,
    refresh_token: `rt-${randomUUID()}`,
    token_type: "Bearer",
    client_id: "sf-client",
    expires_at: new Date(Date.now() + 3_600_000).toISOString(),
  };
  const sealed = encryptJson(getKeyRing(), oauthValue, oauthId);
  await source.db.insert(connections).values({
    id: oauthId,
    projectId: src.projectId,
    externalId: "salesforce-sales",
    displayName: "Salesforce sales",
    pieceName: "salesforce",
    type: "OAUTH2",
    status: "ACTIVE",
    value: sealed.ciphertext,
    keyId: sealed.keyId,
    tokenExpiresAt: new Date(Date.now() + 3_600_000),
  });
  const pgId = randomUUID();
  const pgValue = { type: "CUSTOM_AUTH", props: { host: "db.internal", port: 5432, database: "app", user: "app", password: `pw-${randomUUID()}`, ssl: false } };
  const pgSealed = encryptJson(getKeyRing(), pgValue, pgId);
  await source.db.insert(connections).values({
    id: pgId,
    projectId: src.projectId,
    externalId: "warehouse",
    displayName: "Warehouse",
    pieceName: "postgres",
    type: "CUSTOM",
    status: "ERROR",
    statusReason: "password authentication failed",
    value: pgSealed.ciphertext,
    keyId: pgSealed.keyId,
  });
  await source.db
    .insert(connections)
    .values({ projectId: src.projectId, externalId: "never-done", displayName: "Never finished", pieceName: "salesforce", type: "OAUTH2", status: "MISSING" });
  await setOAuthApp({
    ctx: { db: source.db, actor: SYSTEM_ACTOR },
    input: { pieceName: "salesforce", clientId: "sf-client", clientSecret: "sf-client-secret-canary" },
  });
  await saveTestFlow(src, {
    flowId: "daily-report",
    name: "Daily report",
    draft: [step("ask", key.externalId), step("crm", "salesforce-sales", {}, "salesforce")],
    publish: true,
  });

  const engine = createEngineApp({ db: source.db, tokenCacheMs: 0 });
  const token = await apiKey(src);
  values.warehouse = pgValue; // the engine API refuses an Error connection: compare the stored value
  for (const id of [key.externalId, "salesforce-sales"]) {
    const res = await engine.app.request(`/api/v1/worker/connections/${id}`, { headers: { authorization: `Bearer ${token}` } });
    values[id] = ((await res.json()) as { value: unknown }).value;
  }
  await engine.usage.idle();
});
afterAll(async () => {
  useKeyRing(originalRing);
  await source?.dispose();
  await target?.dispose();
});

describe(`export / import between installations (${databaseLabel()})`, () => {
  const file = path.join(dir, "project.cmexport");

  it("exports through the CLI into a passphrase-sealed, owner-only file, audited with counts", async () => {
    const out = await cliOn(source, "export", ["--project", src.projectId, "--out", file]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/Exported 4 connections, 1 flows and 1 OAuth apps/);
    const text = readFileSync(file, "utf8");
    expect(text).not.toContain("sf-client-secret-canary");
    expect(text).not.toContain((values["salesforce-sales"] as { access_token: string }).access_token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const [audit] = await rows<{ action: string; actor_label: string; details: Record<string, number> }>(
      source.db,
      sql`select action, actor_label, details from audit_events where project_id = ${src.projectId} and action = 'connections.exported'`,
    );
    expect(audit).toMatchObject({ actor_label: "system (cli)", details: { connections: 4, flows: 1, oauthApps: 1 } });
  });

  it("a wrong passphrase and a changed byte import nothing", async () => {
    const before = await counts(target, dst.projectId);
    const wrong = await cliOn(target, "import", ["--project", dst.projectId, "--in", file], "not the passphrase\n");
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Wrong passphrase/);

    const bytes = readFileSync(file);
    const flipped = path.join(dir, "flipped.cmexport");
    const copy = Buffer.from(bytes);
    const at = Math.floor(copy.length * 0.6);
    copy[at] = copy[at]! ^ 0x01;
    writeFileSync(flipped, copy);
    const tampered = await cliOn(target, "import", ["--project", dst.projectId, "--in", flipped]);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/Wrong passphrase, or the file was changed/);
    expect(await counts(target, dst.projectId)).toEqual(before);
  });

  it("imports into a fresh installation with another key ring: the engine API resolves the same values", async () => {
    useKeyRing(ringB); // the target knows nothing of the source's keys
    const out = await cliOn(target, "import", ["--project", dst.projectId, "--in", file]);
    expect(out.stderr).toBe("");
    expect(out.stdout).toMatch(/Imported 4 connections, 1 flows and 1 OAuth apps/);

    const stored = await rows<{ external_id: string; key_id: string | null; status: string }>(
      target.db,
      sql`select external_id, key_id, status from connections where project_id = ${dst.projectId} order by external_id`,
    );
    expect(stored.map((r) => r.external_id).sort()).toEqual(Object.keys(values).concat("never-done").sort());
    expect(stored.filter((r) => r.key_id).every((r) => r.key_id === "dstB")).toBe(true);
    expect(stored.find((r) => r.external_id === "never-done")!.status).toBe("MISSING");

    const engine = createEngineApp({ db: target.db, tokenCacheMs: 0 });
    const token = await apiKey(dst);
    const warehouse = await rows<{ id: string; value: string; key_id: string; status: string; status_reason: string }>(
      target.db,
      sql`select id, value, key_id, status, status_reason from connections where project_id = ${dst.projectId} and external_id = 'warehouse'`,
    );
    expect(warehouse[0]).toMatchObject({ status: "ERROR", status_reason: "password authentication failed" });
    expect(decryptJson(getKeyRing(), { ciphertext: warehouse[0]!.value, keyId: warehouse[0]!.key_id }, warehouse[0]!.id)).toEqual(values.warehouse);
    for (const [externalId, value] of Object.entries(values)) {
      if (externalId === "warehouse") continue;
      const res = await engine.app.request(`/api/v1/worker/connections/${externalId}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { value: unknown }).value).toEqual(value);
    }
    await engine.usage.idle();
    const [flow] = await rows<{ n: number }>(
      target.db,
      sql`select sum(cardinality(draft_steps) + cardinality(published_steps))::int as n from connection_references where project_id = ${dst.projectId} and flow_id = 'daily-report'`,
    );
    expect(flow!.n).toBe(4); // two steps, draft and published
    const [app] = await rows<{ client_id: string; key_id: string }>(target.db, sql`select client_id, key_id from oauth_apps where piece_name = 'salesforce'`);
    expect(app).toEqual({ client_id: "sf-client", key_id: "dstB" });
    const [audit] = await rows<{ details: Record<string, unknown> }>(
      target.db,
      sql`select details from audit_events where project_id = ${dst.projectId} and action = 'connections.imported'`,
    );
    expect(audit!.details).toMatchObject({ connections: 4, flows: 1, oauthApps: 1 });
    expect(JSON.stringify(audit!.details)).not.toContain("sf-client-secret");
  });

  it("on a conflict stops with the list and changes nothing; --skip and --rename import around it", async () => {
    const before = await counts(target, dst.projectId);
    const again = await cliOn(target, "import", ["--project", dst.projectId, "--in", file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/Nothing was imported/);
    expect(again.stderr).toMatch(/name\tOpenAI team/);
    expect(again.stderr).toMatch(/externalId\tsalesforce-sales/);
    expect(again.stderr).toMatch(/flow\tdaily-report/);
    expect(await counts(target, dst.projectId)).toEqual(before);

    const skipped = await cliOn(target, "import", ["--project", dst.projectId, "--in", file, "--skip"]);
    expect(skipped.stdout).toMatch(/Imported 0 connections, 0 flows and 0 OAuth apps.*5 skipped/);
    expect(skipped.stdout).toMatch(/1 OAuth apps of the file were not imported/);

    const renamed = await cliOn(target, "import", ["--project", dst.projectId, "--in", file, "--rename"]);
    expect(renamed.code).toBe(0);
    expect(renamed.stdout).toMatch(/Imported 4 connections, 1 flows.*5 renamed/);
    const [flow] = await rows<{ draft: { input: { auth?: string } }[] }>(
      target.db,
      sql`select draft from flows where project_id = ${dst.projectId} and id = 'daily-report-imported'`,
    );
    expect(flow!.draft[1]!.input.auth).toBe("{{connections['salesforce-sales-imported']}}");
    const [name] = await rows<{ n: number }>(
      target.db,
      sql`select count(*)::int as n from connections where project_id = ${dst.projectId} and display_name = 'OpenAI team (imported)'`,
    );
    expect(name!.n).toBe(1);
  });

  it("leaves OAuth-app client settings out for a project admin who is not a platform admin", async () => {
    useKeyRing(ringA);
    const result = await exportConnections({ ctx: src, input: { passphrase: PASS } });
    expect(result.counts).toMatchObject({ connections: 4, oauthApps: 0 });
    useKeyRing(ringB);
    const other = (await projectWithMember(target.db, "ADMIN")).ctx;
    const summary = await importConnections({ ctx: other, input: { file: result.file, passphrase: PASS } });
    expect(summary).toMatchObject({ connections: 4, flows: 1, oauthApps: 0 });
    const editor = (await projectWithMember(target.db, "EDITOR")).ctx;
    await expect(importConnections({ ctx: editor, input: { file: result.file, passphrase: PASS } })).rejects.toThrow(/Only project admins/);
  });
});
