import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { projects } from "./projects";

export const actorType = pgEnum("actor_type", ["USER", "API_TOKEN", "SYSTEM"]);

/**
 * Who did what to which connection. Never holds a secret; survives the connection's deletion.
 * Platform events (an admin's OAuth app changed) belong to no project: `project_id` is null.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    projectId: text("project_id").references(() => projects.id, { onDelete: "cascade" }),
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
  },
  (t) => [
    index("audit_project_created_idx").on(t.projectId, t.createdAt.desc(), t.id.desc()),
    index("audit_connection_created_idx").on(t.connectionId, t.createdAt.desc()),
    index("audit_project_action_idx").on(t.projectId, t.action),
    index("audit_project_actor_idx").on(t.projectId, t.actorId),
    index("audit_platform_created_idx").on(t.createdAt.desc()).where(sql`${t.projectId} is null`),
  ],
);
