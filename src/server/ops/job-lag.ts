import { sql } from "drizzle-orm";
import { rawRows } from "@/server/db/raw-rows";
import type { Db } from "@/server/db/types";

export interface JobLag {
  /** Seconds since the oldest OAuth2 refresh that is due and not yet done (0 when none is due). */
  oauthRefreshSeconds: number;
  /** Seconds since the oldest scheduled health check that is due and not yet run. */
  healthCheckSeconds: number;
}

/**
 * How far the background jobs are behind, read from the rows they work on rather than from any one
 * instance's timers, so it holds whichever instance runs them. Both minimums use the due-time indexes.
 */
export async function readJobLag(db: Db, now = new Date()): Promise<JobLag> {
  const at = now.toISOString();
  const [row] = await rawRows<{ refresh: string | null; check: string | null }>(
    db,
    sql`
    select
      (select min(refresh_at) from connections
        where refresh_at <= ${at}::timestamptz and type = 'OAUTH2' and status <> 'MISSING')::text as refresh,
      (select min(next_check_at) from connections
        where next_check_at <= ${at}::timestamptz and status = 'ACTIVE')::text as check`,
  );
  const lag = (t: string | null | undefined) => (t ? Math.max(0, (now.getTime() - new Date(t).getTime()) / 1000) : 0);
  return { oauthRefreshSeconds: lag(row?.refresh), healthCheckSeconds: lag(row?.check) };
}
