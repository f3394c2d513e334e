import { sql } from "drizzle-orm";
import { boolean, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { projects } from "./projects";

export interface FlowStep {
  name: string;
  displayName?: string;
  pieceName: string;
  input: Record<string, unknown>;
}

/** A flow's id is chosen by the workflow editor and is unique within its project only. */
export const flows = pgTable(
  "flows",
  {
    id: text("id")
      .notNull()
      .default(sql`gen_random_uuid()::text`),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    enabled: boolean("enabled").notNull().default(false),
    draft: jsonb("draft").$type<FlowStep[]>().notNull().default([]),
    published: jsonb("published").$type<FlowStep[] | null>(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "flows_pkey", columns: [t.projectId, t.id] }),
    index("flows_project_name_idx").on(t.projectId, t.name),
    index("flows_name_trgm_idx").using("gin", sql`lower(${t.name}) gin_trgm_ops`),
  ],
);

/**
 * "Which flows use this connection": one row per flow and referenced externalId, with the names of
 * the steps that reference it in each version (an empty array: that version does not). Kept in
 * step with every flow save, in the same transaction. One row per flow rather than per step keeps
 * a Replace across many flows to one index row rewritten per flow.
 */
export const connectionReferences = pgTable(
  "connection_references",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    flowId: text("flow_id").notNull(),
    externalId: text("external_id").notNull(),
    draftSteps: text("draft_steps")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    publishedSteps: text("published_steps")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    primaryKey({ name: "connection_references_pkey", columns: [t.projectId, t.flowId, t.externalId] }),
    foreignKey({ name: "connection_references_flow_fk", columns: [t.projectId, t.flowId], foreignColumns: [flows.projectId, flows.id] }).onDelete("cascade"),
    index("connection_refs_project_external_idx").on(t.projectId, t.externalId, t.flowId),
  ],
);
