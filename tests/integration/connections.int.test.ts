import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnection } from "@/server/connections/create-connection";
import { deleteConnections } from "@/server/connections/delete-connections";
import { getConnection } from "@/server/connections/get-connection";
import { EXACT_TOTAL_LIMIT, listConnections } from "@/server/connections/list-connections";
import { reconnectConnection, updateConnection } from "@/server/connections/update-or-reconnect-connection";
import type { ProjectCtx } from "@/server/context";
import { decryptJson } from "@/server/crypto/envelope";
import { getKeyRing } from "@/server/secrets/key-ring";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { projectWithMember } from "../support/factories";
import { rows } from "../support/sql";

let tdb: TestDatabase;
let ctx: ProjectCtx;
let other: ProjectCtx;
beforeAll(async () => {
  tdb = await createTestDatabase();
  ctx = (await projectWithMember(tdb.db, "EDITOR")).ctx;
  other = (await projectWithMember(tdb.db, "ADMIN")).ctx;
});
afterAll(async () => {
  await tdb?.dispose();
});

const openAiKey = () => `sk-test${Math.random().toString(36).slice(2)}ABCDEFGHIJKLMNOPQRSTUVWXYZ0123`;
const pgProps = (overrides: Record<string, unknown> = {}) => ({
  host: "127.0.0.1",
  port: "5432",
  database: "postgres",
  user: "postgres",
  password: "pg-secret-Value-1234567",
  ssl: false,
  ...overrides,
});

const cases = [
  {
    label: "secret text",
    pieceName: "openai",
    type: "SECRET_TEXT",
    credentials: () => ({ secret_text: openAiKey() }),
    secret: (c: Record<string, unknown>) => c.secret_text as string,
  },
  {
    label: "basic",
    pieceName: "http-basic",
    type: "BASIC",
    credentials: () => ({ username: "ops", password: `basic-pass-${Date.now()}-XYZ` }),
    secret: (c: Record<string, unknown>) => c.password as string,
  },
  {
    label: "custom (PostgreSQL, validated live)",
    pieceName: "postgres",
    type: "CUSTOM",
    credentials: () => ({ props: pgProps({ password: `pg-secret-${Date.now()}-QWERTY` }) }),
    secret: (c: Record<string, unknown>) => (c.props as { password: string }).password,
  },
] as const;

async function auditActions(connectionId: string) {
  return rows<{ action: string }>(tdb.db, sql`select action from audit_events where connection_id = ${connectionId} order by id`).then((r) =>
    r.map((x) => x.action),
  );
}

describe(`connections lifecycle (${databaseLabel()})`, () => {
  for (const c of cases) {
    it(`create → rename → update → reconnect → delete: ${c.label}`, async () => {
      const creds = c.credentials();
      const secret = c.secret(creds);
      const name = `${c.label} ${Date.now()}`;
      const { connection } = await createConnection({ ctx, input: { pieceName: c.pieceName, type: c.type, displayName: name, credentials: creds } });
      expect(connection).toMatchObject({ displayName: name, pieceName: c.pieceName, type: c.type, status: "ACTIVE" });
      expect(connection.externalId).toMatch(/^[a-z0-9-]+$/);
      expect(JSON.stringify(connection)).not.toContain(secret);

      // Encrypted at rest, bound to its own row.
      const [raw] = await rows<{ value: string; key_id: string }>(tdb.db, sql`select value, key_id from connections where id = ${connection.id}`);
      expect(raw!.value).not.toContain(secret);
      expect(raw!.key_id).toBe(getKeyRing().current.id);
      const opened = decryptJson<Record<string, unknown>>(getKeyRing(), { ciphertext: raw!.value, keyId: raw!.key_id }, connection.id);
      expect(JSON.stringify(opened)).toContain(secret);
      expect(() => decryptJson(getKeyRing(), { ciphertext: raw!.value, keyId: raw!.key_id }, "another-row-id")).toThrow();

      const renamed = await updateConnection({ ctx, input: { connectionId: connection.id, displayName: `${name} (renamed)` } });
      expect(renamed.connection.displayName).toBe(`${name} (renamed)`);
      expect(renamed.connection.externalId).toBe(connection.externalId);

      const newCreds = c.credentials();
      await updateConnection({ ctx, input: { connectionId: connection.id, credentials: newCreds } });
      const [after] = await rows<{ value: string; key_id: string }>(tdb.db, sql`select value, key_id from connections where id = ${connection.id}`);
      const reopened = decryptJson<Record<string, unknown>>(getKeyRing(), { ciphertext: after!.value, keyId: after!.key_id }, connection.id);
      expect(JSON.stringify(reopened)).toContain(c.secret(newCreds));
      await tdb.db.execute(sql`update connections set status = 'ERROR', status_reason = 'revoked' where id = ${connection.id}`);
      const reconnected = await reconnectConnection({ ctx, input: { connectionId: connection.id, credentials: c.credentials() } });
      expect(reconnected.connection).toMatchObject({ status: "ACTIVE", statusReason: null, externalId: connection.externalId });

      await deleteConnections({ ctx, input: { connectionIds: [connection.id] } });
      await expect(getConnection({ ctx, input: { connectionId: connection.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await auditActions(connection.id)).toEqual([
        "connection.created",
        "connection.renamed",
        "connection.credentials_updated",
        "connection.reconnected",
        "connection.deleted",
      ]);
    });
  }

  it("derives unique, readable externalIds that never change", async () => {
    const a = await createConnection({
      ctx,
      input: { pieceName: "openai", type: "SECRET_TEXT", displayName: "Gmail – Support Inbox", credentials: { secret_text: openAiKey() } },
    });
    const b = await createConnection({
      ctx,
      input: { pieceName: "openai", type: "SECRET_TEXT", displayName: "Gmail  Support inbox!", credentials: { secret_text: openAiKey() } },
    });
    expect(a.connection.externalId).toBe("gmail-support-inbox");
    expect(b.connection.externalId).toBe("gmail-support-inbox-2");
  });
});

describe("bad input is refused with a clear error and stores nothing", () => {
  async function count() {
    const [r] = await rows<{ n: number }>(tdb.db, sql`select count(*)::int as n from connections where project_id = ${ctx.projectId}`);
    return r!.n;
  }
  const base = { pieceName: "openai", type: "SECRET_TEXT" as const, displayName: "Refused" };

  it.each([
    ["a missing required field", { ...base, credentials: {} }, /API key is required/],
    ["a wrong type", { ...base, credentials: { secret_text: 12345 } }, /API key/],
    ["a 10 MB value", { ...base, credentials: { secret_text: "x".repeat(10 * 1024 * 1024) } }, /at most|too long|8 KB/i],
    ["an unknown piece", { ...base, pieceName: "no-such-app", credentials: { secret_text: "sk-x" } }, /Unknown app/],
    ["an app that needs no connection", { ...base, pieceName: "schedule", credentials: {} }, /needs no connection/],
    ["a key of the wrong shape", { ...base, credentials: { secret_text: "not-a-key" } }, /start with "sk-"/],
    ["an empty name", { ...base, displayName: "  ", credentials: { secret_text: openAiKey() } }, /name is required/],
    ["a port that is not a number", { pieceName: "postgres", type: "CUSTOM", displayName: "pg bad", credentials: { props: pgProps({ port: "abc" }) } }, /Port/],
  ])("%s", async (_label, input, message) => {
    const before = await count();
    await expect(createConnection({ ctx, input })).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(message) });
    expect(await count()).toBe(before);
  });

  it("a validator failure (PostgreSQL refuses the login) saves nothing", async () => {
    const before = await count();
    const err = await createConnection({
      ctx,
      input: {
        pieceName: "postgres",
        type: "CUSTOM",
        displayName: "pg wrong",
        credentials: { props: pgProps({ user: "cm_no_such_role_int", password: "whatever-123" }) },
      },
    }).catch((e) => e);
    expect(err).toMatchObject({ code: "VALIDATION" });
    expect(err.fieldErrors.credentials).toMatch(/cm_no_such_role_int|role|authentication/i);
    expect(await count()).toBe(before);
  });

  it("a duplicate name is refused, case-insensitively, by the database too", async () => {
    await createConnection({ ctx, input: { ...base, displayName: "Stripe – Live", credentials: { secret_text: openAiKey() } } });
    const before = await count();
    await expect(createConnection({ ctx, input: { ...base, displayName: "stripe – LIVE", credentials: { secret_text: openAiKey() } } })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("already exists"),
    });
    expect(await count()).toBe(before);
    await expect(
      tdb.db.execute(
        sql`insert into connections (project_id, external_id, display_name, piece_name, type, status) values (${ctx.projectId}, 'x-dup', 'STRIPE – live', 'openai', 'SECRET_TEXT', 'MISSING')`,
      ),
    ).rejects.toThrow();
  });

  it("renaming onto another connection's name is refused", async () => {
    const { connection } = await createConnection({ ctx, input: { ...base, displayName: "Rename source", credentials: { secret_text: openAiKey() } } });
    await expect(updateConnection({ ctx, input: { connectionId: connection.id, displayName: "STRIPE – live" } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

describe("project scope and roles", () => {
  it("another project's connection id answers not found for every operation", async () => {
    const { connection } = await createConnection({
      ctx: other,
      input: { pieceName: "openai", type: "SECRET_TEXT", displayName: "Other project key", credentials: { secret_text: openAiKey() } },
    });
    const id = connection.id;
    await expect(getConnection({ ctx, input: { connectionId: id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateConnection({ ctx, input: { connectionId: id, displayName: "stolen" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(reconnectConnection({ ctx, input: { connectionId: id, credentials: { secret_text: openAiKey() } } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(deleteConnections({ ctx, input: { connectionIds: [id] } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const page = await listConnections({ ctx, input: { search: "Other project key" } });
    expect(page.total).toBe(0);
    expect((await getConnection({ ctx: other, input: { connectionId: id } })).displayName).toBe("Other project key");
  });

  it("a bulk delete containing one foreign id deletes nothing", async () => {
    const mine = await createConnection({
      ctx,
      input: { pieceName: "openai", type: "SECRET_TEXT", displayName: "Bulk mine", credentials: { secret_text: openAiKey() } },
    });
    const theirs = await createConnection({
      ctx: other,
      input: { pieceName: "openai", type: "SECRET_TEXT", displayName: "Bulk theirs", credentials: { secret_text: openAiKey() } },
    });
    await expect(deleteConnections({ ctx, input: { connectionIds: [mine.connection.id, theirs.connection.id] } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await getConnection({ ctx, input: { connectionId: mine.connection.id } })).id).toBe(mine.connection.id);
  });

  it("viewers cannot create, edit or delete", async () => {
    const viewer: ProjectCtx = { ...ctx, role: "VIEWER" };
    const { connection } = await createConnection({
      ctx,
      input: { pieceName: "openai", type: "SECRET_TEXT", displayName: "Viewer target", credentials: { secret_text: openAiKey() } },
    });
    await expect(
      createConnection({ ctx: viewer, input: { pieceName: "openai", type: "SECRET_TEXT", displayName: "v", credentials: { secret_text: openAiKey() } } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateConnection({ ctx: viewer, input: { connectionId: connection.id, displayName: "v2" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteConnections({ ctx: viewer, input: { connectionIds: [connection.id] } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listConnections({ ctx: viewer, input: { search: "Viewer target" } })).total).toBe(1);
  });
});

describe("listing", () => {
  it("searches, filters by status and app, sorts and pages on the server", async () => {
    const { ctx: lctx } = await projectWithMember(tdb.db, "ADMIN");
    for (const [i, name] of ["Alpha", "beta", "Gamma", "alphabet soup"].entries()) {
      await createConnection({
        ctx: lctx,
        input: {
          pieceName: i % 2 ? "http-basic" : "openai",
          type: i % 2 ? "BASIC" : "SECRET_TEXT",
          displayName: name,
          credentials: i % 2 ? { username: "u", password: "p-123456" } : { secret_text: openAiKey() },
        },
      });
    }
    await lctx.db.execute(
      sql`update connections set status = 'ERROR', status_reason = 'Revoked' where project_id = ${lctx.projectId} and display_name = 'Gamma'`,
    );
    const names = async (input: object) => (await listConnections({ ctx: lctx, input })).items.map((i) => i.displayName);
    expect(await names({ search: "ALPHA", sort: "name", dir: "asc" })).toEqual(["Alpha", "alphabet soup"]);
    expect(await names({ search: "100%_" })).toEqual([]);
    expect(await names({ status: ["ERROR"] })).toEqual(["Gamma"]);
    expect(await names({ pieces: ["http-basic"], sort: "name", dir: "asc" })).toEqual(["alphabet soup", "beta"]);
    expect(await names({ sort: "name", dir: "desc", pageSize: 2, page: 2 })).toEqual(["alphabet soup", "Alpha"]);
    // Newest first by default, and by last use with the never-used ones last (first when ascending).
    await lctx.db.execute(sql`update connections set created_at = now() - interval '1 hour' where project_id = ${lctx.projectId} and display_name = 'Gamma'`);
    await lctx.db.execute(
      sql`update connections set last_used_at = case display_name when 'beta' then now() - interval '1 minute' when 'Alpha' then now() - interval '1 day' end where project_id = ${lctx.projectId}`,
    );
    expect(await names({})).toEqual(["alphabet soup", "beta", "Alpha", "Gamma"]);
    expect(await names({ dir: "asc", pageSize: 2, page: 2 })).toEqual(["beta", "alphabet soup"]);
    expect((await names({ sort: "lastUsedAt", dir: "desc" })).slice(0, 2)).toEqual(["beta", "Alpha"]);
    expect((await names({ sort: "lastUsedAt", dir: "asc" })).slice(2)).toEqual(["Alpha", "beta"]);
    const page = await listConnections({ ctx: lctx, input: { pageSize: 3 } });
    expect(page).toMatchObject({ total: 4, totalExact: true, hasMore: true });
    expect(page.items).toHaveLength(3);
    expect(JSON.stringify(page)).not.toMatch(/sk-test/);
  });

  it("counts exactly up to 1,000 matches and says 'more than' beyond, pages still end", async () => {
    const { ctx: lctx } = await projectWithMember(tdb.db, "ADMIN");
    await lctx.db.execute(sql`
      insert into connections (project_id, external_id, display_name, piece_name, type, status)
      select ${lctx.projectId}, 'bulk-' || g, 'Bulk ' || lpad(g::text, 4, '0'), 'openai', 'SECRET_TEXT', 'MISSING'
      from generate_series(1, ${EXACT_TOTAL_LIMIT + 5}) as g`);
    const broad = await listConnections({ ctx: lctx, input: { search: "bulk", sort: "name", dir: "asc", pageSize: 100 } });
    expect(broad).toMatchObject({ total: EXACT_TOTAL_LIMIT, totalExact: false, hasMore: true });
    expect(broad.items.map((i) => i.displayName).slice(0, 2)).toEqual(["Bulk 0001", "Bulk 0002"]);
    const last = await listConnections({ ctx: lctx, input: { search: "bulk", sort: "name", dir: "asc", pageSize: 100, page: 11 } });
    expect(last).toMatchObject({ totalExact: false, hasMore: false });
    expect(last.items.map((i) => i.displayName)).toEqual(["Bulk 1001", "Bulk 1002", "Bulk 1003", "Bulk 1004", "Bulk 1005"]);
    const narrow = await listConnections({ ctx: lctx, input: { search: "bulk 100", sort: "name", dir: "desc" } });
    expect(narrow).toMatchObject({ total: 6, totalExact: true, hasMore: false });
    expect(narrow.items.map((i) => i.displayName)).toEqual(["Bulk 1005", "Bulk 1004", "Bulk 1003", "Bulk 1002", "Bulk 1001", "Bulk 1000"]);
  });
});

describe("no plaintext at rest", () => {
  it("the raw tables hold none of the secrets saved", async () => {
    const secret = `sk-test-PLAINTEXT-CANARY-${Date.now()}-abcdefghij`;
    await createConnection({ ctx, input: { pieceName: "openai", type: "SECRET_TEXT", displayName: "Canary", credentials: { secret_text: secret } } });
    const dump = await rows<{ t: string }>(
      tdb.db,
      sql`select row_to_json(c)::text as t from connections c union all select row_to_json(a)::text from audit_events a`,
    );
    expect(dump.length).toBeGreaterThan(0);
    for (const r of dump) expect(r.t).not.toContain("PLAINTEXT-CANARY");
  });
});
