import { sql } from "drizzle-orm";
import type { Db } from "@/server/db/types";

const APPS = ["openai", "slack", "gmail", "postgres", "stripe", "github", "notion", "hubspot", "airtable", "smtp"];
const PURPOSES = ["Support Inbox", "Sales", "Marketing", "Ops", "Billing", "Data team", "Finance", "Growth"];

/**
 * Inserts `count` connections into one project in a single statement: realistic names, apps and
 * a status mix (90% Active, 6% Error, 4% Missing). Values are opaque placeholders: listing never
 * reads them.
 */
export async function seedConnections(db: Db, projectId: string, count: number) {
  const apps = `{${APPS.join(",")}}`;
  const purposes = `{${PURPOSES.map((p) => `"${p}"`).join(",")}}`;
  await db.execute(sql`
    insert into connections (id, project_id, external_id, display_name, piece_name, type, status, status_reason, value, key_id, created_at, last_used_at)
    select
      gen_random_uuid()::text,
      ${projectId},
      'conn-' || g,
      initcap((${apps}::text[])[1 + g % 10]) || ' – ' || (${purposes}::text[])[1 + (g / 10) % 8] || ' ' || g,
      (${apps}::text[])[1 + g % 10],
      'SECRET_TEXT',
      (case when g % 50 < 45 then 'ACTIVE' when g % 50 < 48 then 'ERROR' else 'MISSING' end)::connection_status,
      case when g % 50 between 45 and 47 then 'Access was revoked or expired — Reconnect' end,
      'bench-placeholder',
      'bench',
      now() - (g || ' minutes')::interval,
      case when g % 3 = 0 then now() - (g || ' seconds')::interval end
    from generate_series(1, ${count}) as g
  `);
  await db.execute(sql`analyze connections`);
}
