import { getEnv } from "@/env";
import type { Db } from "@/server/db/types";
import { log } from "@/server/log";
import { pruneAuditEvents } from "./prune";

/** The retention job: nothing unless AUDIT_RETENTION_DAYS is set. Hourly runs find at most one new day. */
export async function pruneExpiredAuditEvents(db: Db) {
  const days = getEnv().AUDIT_RETENTION_DAYS;
  if (!days) return;
  const result = await pruneAuditEvents({ db, retentionDays: days });
  if (result.removed > 0) log.info("audit events pruned", { removed: result.removed, before: result.before.toISOString() });
}
