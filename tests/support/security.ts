import { sql } from "drizzle-orm";
import { createApiKey } from "@/server/api-tokens/create-api-key";
import { ANONYMOUS, type Principal } from "@/server/authz/principal";
import type { Db } from "@/server/db/types";
import { exportConnections } from "@/server/transfer/export-connections";
import { addMembership, createUser, projectWithMember, sessionPrincipal } from "./factories";
import { createKeyConnection, saveTestFlow, step } from "./flows";
import { openPicker } from "./picker";
import { rows } from "./sql";

/**
 * A fingerprint of every table (row count and a hash of every row). With `projectId`, tables
 * holding a project_id keep only that project's rows: another project's own writes are allowed.
 * `auth_throttle` is left out: counting refused attempts is the throttle's job (its lockouts are
 * platform audit events, which the platform chain's head then follows).
 */
export async function snapshotTables(db: Db, projectId?: string): Promise<Record<string, string>> {
  const tables = await rows<{ table_name: string; scoped: boolean }>(
    db,
    sql`select t.table_name,
               exists (select 1 from information_schema.columns c
                       where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'project_id') as scoped
        from information_schema.tables t
        where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
        order by t.table_name`,
  );
  const out: Record<string, string> = {};
  for (const { table_name, scoped } of tables) {
    if (table_name === "auth_throttle") continue;
    const chainScoped = projectId && table_name === "audit_chain_heads";
    const where = chainScoped ? sql` where x.chain_key = ${projectId}` : projectId && scoped ? sql` where x.project_id = ${projectId}` : sql``;
    const [row] = await rows<{ n: number; h: string }>(
      db,
      sql`select count(*)::int as n, coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as h from ${sql.identifier(table_name)} x${where}`,
    );
    out[table_name] = `${row!.n}:${row!.h}`;
  }
  return out;
}

export const TRANSFER_PASSPHRASE = "a long enough export passphrase";

/**
 * Project A with an admin, an editor, a viewer, a connection, a flow using it and an API key;
 * project B with its admin; an account in no project; a platform admin in no project; and a
 * picker session opened for A's admin by an embed:sessions key of A; and an export file of A
 * (sealed with TRANSFER_PASSPHRASE), so an import wrongly allowed would really import.
 */
export async function securityWorld(db: Db) {
  const a = await projectWithMember(db, "ADMIN");
  const b = await projectWithMember(db, "ADMIN");
  const viewer = await createUser(db);
  const editor = await createUser(db);
  await addMembership(db, a.project.id, viewer.id, "VIEWER");
  await addMembership(db, a.project.id, editor.id, "EDITOR");
  const outsider = await createUser(db);
  const platformAdmin = await createUser(db, { admin: true });
  const connection = await createKeyConnection(a.ctx);
  const flow = await saveTestFlow(a.ctx, { draft: [step("ask", connection.externalId)] });
  const { key: apiKey } = await createApiKey({ ctx: a.ctx, input: { name: "engine", scopes: ["connections:read"] } });
  const picker = await openPicker(db, a.project.id, a.user.email);
  const { file: exportFile } = await exportConnections({ ctx: a.ctx, input: { passphrase: TRANSFER_PASSPHRASE } });

  const principals = {
    anonymous: ANONYMOUS,
    outsider: sessionPrincipal(outsider),
    otherProjectAdmin: sessionPrincipal(b.user),
    viewer: sessionPrincipal(viewer),
    editor: sessionPrincipal(editor),
    admin: sessionPrincipal(a.user),
    platformAdmin: sessionPrincipal(platformAdmin),
    picker: picker.principal,
  } satisfies Record<string, Principal>;

  return { a, b, viewer, editor, outsider, platformAdmin, connection, flow, apiKey, picker, exportFile, principals };
}

export type SecurityWorld = Awaited<ReturnType<typeof securityWorld>>;
