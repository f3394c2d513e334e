import { sql } from "drizzle-orm";
import { bigint, bigserial, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const actorType = pgEnum("actor_type", ["USER", "API_TOKEN", "SYSTEM"]);

/**
 * Who did what to which connection. Never holds a secret; survives the connection's deletion.
 * Platform events (an admin's OAuth app changed) belong to no project: `project_id` is null.
 *
 * Append-only and tamper-evident: a trigger (migration 0007) numbers each row within its chain (its
 * project, or the platform), links it to the previous row's hash and hashes it; another trigger
 * refuses UPDATE/DELETE except inside the retention prune. `project_id` has no foreign key on
 * purpose: a project's trail outlives the project.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    projectId: text("project_id"),
    connectionId: text("connection_id"),
    connectionExternalId: text("connection_external_id"),
    connectionName: text("connection_name"),
    action: text("action").notNull(),
    actorType: actorType("actor_type").notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label").notNull(),
    flowId: text("flow_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set by the insert trigger: position in the chain, the previous row's hash, this row's hash. */
    seq: bigint("seq", { mode: "number" }),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    index("audit_project_created_idx").on(t.projectId, t.createdAt.desc(), t.id.desc()),
    index("audit_connection_created_idx").on(t.connectionId, t.createdAt.desc()),
    index("audit_project_action_idx").on(t.projectId, t.action),
    index("audit_project_actor_idx").on(t.projectId, t.actorId),
    index("audit_platform_created_idx")
      .on(t.createdAt.desc())
      .where(sql`${t.projectId} is null`),
    // One row per position in a chain: two writers can never fork it, even outside the lock.
    uniqueIndex("audit_chain_seq_uq").on(sql`coalesce(${t.projectId}, '')`, t.seq),
  ],
);

/**
 * The newest row of each chain (`chain_key` = project id, '' for the platform). Kept by the insert
 * trigger, never pruned: it carries the numbering across a prune that empties a chain, and lets
 * verification notice the newest rows being cut off.
 */
export const auditChainHeads = pgTable("audit_chain_heads", {
  chainKey: text("chain_key").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
