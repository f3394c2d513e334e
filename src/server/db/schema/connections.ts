import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { projects } from "./projects";
import { users } from "./users";

export const connectionStatus = pgEnum("connection_status", ["ACTIVE", "MISSING", "ERROR"]);
export const connectionType = pgEnum("connection_type", ["SECRET_TEXT", "BASIC", "CUSTOM", "OAUTH2"]);

export const connections = pgTable(
  "connections",
  {
    id: text("id")
      .primaryKey()
      .default(sql`gen_random_uuid()::text`),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    displayName: text("display_name").notNull(),
    pieceName: text("piece_name").notNull(),
    type: connectionType("type").notNull(),
    status: connectionStatus("status").notNull(),
    statusReason: text("status_reason"),
    /** AES-256-GCM sealed JSON credentials; null while the connection is Missing. */
    value: text("value"),
    keyId: text("key_id"),
    /** Re-encryption: while in the future, one instance is re-sealing this value (see encryption/). */
    resealLeaseUntil: timestamp("reseal_lease_until", { withTimezone: true }),
    /** Masked display hints per field (e.g. "sk-p…c123"); never a secret. */
    valueHints: jsonb("value_hints").$type<Record<string, string>>().notNull().default({}),
    tokenExpiresAt: timestamp("token_expires_at", { withTimezone: true }),
    ownerId: text("owner_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    /** OAuth2: when the background scheduler should refresh (expiry minus margin minus jitter). */
    refreshAt: timestamp("refresh_at", { withTimezone: true }),
    /**
     * OAuth2: while in the future, one instance holds the right to refresh this token. A lease
     * rather than a row lock, so the call to the provider runs outside any transaction.
     */
    refreshLeaseUntil: timestamp("refresh_lease_until", { withTimezone: true }),
    /** Consecutive transient refresh failures, for backoff. */
    refreshFailures: integer("refresh_failures").notNull().default(0),
    /** Health checks: when the next recheck is due. */
    nextCheckAt: timestamp("next_check_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("connections_project_external_uq").on(t.projectId, t.externalId),
    uniqueIndex("connections_project_name_uq").on(t.projectId, sql`lower(${t.displayName})`),
    index("connections_project_created_idx").on(t.projectId, t.createdAt, t.id),
    index("connections_project_used_idx").on(t.projectId, t.lastUsedAt, t.id),
    index("connections_project_status_idx").on(t.projectId, t.status),
    index("connections_project_piece_idx").on(t.projectId, t.pieceName),
    index("connections_refresh_due_idx").on(t.refreshAt),
    index("connections_check_due_idx").on(t.nextCheckAt),
    index("connections_key_id_idx").on(t.keyId, t.id),
    index("connections_name_trgm_idx").using("gin", sql`lower(${t.displayName}) gin_trgm_ops`),
  ],
);
