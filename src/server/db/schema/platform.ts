import { integer, pgTable, timestamp, check } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

/** One row: the installation. Its primary key makes first-run setup happen exactly once. */
export const platform = pgTable(
  "platform",
  {
    id: integer("id").primaryKey().default(1),
    setupCompletedAt: timestamp("setup_completed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("platform_singleton", sql`${t.id} = 1`)],
);
