import { check, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

export type ReencryptionStatus = "idle" | "running" | "finished";

/**
 * One row: the key the instances last saw as current, and the re-encryption job that moves every
 * sealed value onto it. Shared by every instance, so progress and the finish are decided once.
 */
export const encryptionState = pgTable(
  "encryption_state",
  {
    id: integer("id").primaryKey().default(1),
    /** The ring's current key id when last seen; a different one at start-up starts the job. */
    currentKeyId: text("current_key_id"),
    jobStatus: text("job_status").$type<ReencryptionStatus>().notNull().default("idle"),
    /** The key every value is being re-sealed with. */
    jobKeyId: text("job_key_id"),
    jobTrigger: text("job_trigger"),
    jobStartedAt: timestamp("job_started_at", { withTimezone: true }),
    jobFinishedAt: timestamp("job_finished_at", { withTimezone: true }),
    /** Values sealed with an older key when the job started. */
    jobTotal: integer("job_total").notNull().default(0),
    jobResealed: integer("job_resealed").notNull().default(0),
    jobFailed: integer("job_failed").notNull().default(0),
    /** Which value failed and why, by kind and row id; never key material or plaintext. */
    jobLastError: text("job_last_error"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("encryption_state_singleton", sql`${t.id} = 1`)],
);
