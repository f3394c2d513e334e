import { integer, pgEnum, pgTable, timestamp, check } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

/** Who may create projects: platform admins only (the default), or every signed-in account. */
export const projectCreationPolicy = pgEnum("project_creation_policy", ["ADMINS", "EVERYONE"]);

/** One row: the installation. Its primary key makes first-run setup happen exactly once. */
export const platform = pgTable(
  "platform",
  {
    id: integer("id").primaryKey().default(1),
    setupCompletedAt: timestamp("setup_completed_at", { withTimezone: true }).notNull().defaultNow(),
    projectCreation: projectCreationPolicy("project_creation").notNull().default("ADMINS"),
  },
  (t) => [check("platform_singleton", sql`${t.id} = 1`)],
);
