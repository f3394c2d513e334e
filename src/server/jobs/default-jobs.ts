import { getEnv } from "@/env";
import { pruneExpiredAuditEvents } from "@/server/audit/retention-job";
import { reencryptionJob } from "@/server/encryption/reencryption-job";
import { runDueHealthChecks } from "@/server/health/run-due-checks";
import { deliverDueNotifications } from "@/server/notifications/deliver";
import { oauthRefreshJob } from "@/server/oauth/refresh/scheduler";
import { registerBackgroundJob } from "./background";
import type { BackgroundJob } from "./scheduler";

/** Every periodic task of the app, in one list: the start-up registers them with the scheduler. */
export function defaultJobs(): BackgroundJob[] {
  return [
    oauthRefreshJob(),
    { name: "health-checks", everyMs: getEnv().HEALTH_CHECK_TICK_SECONDS * 1000, run: (db) => runDueHealthChecks(db) },
    { name: "notification-delivery", everyMs: 10_000, run: (db) => deliverDueNotifications(db) },
    reencryptionJob(),
    { name: "audit-retention", everyMs: 3_600_000, run: (db) => pruneExpiredAuditEvents(db) },
  ];
}

export function registerDefaultJobs() {
  for (const job of defaultJobs()) registerBackgroundJob(job);
}
