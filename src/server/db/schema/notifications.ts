import { bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { projects } from "./projects";

/** Per-project notification settings: an outgoing webhook (secret sealed) and e-mail to admins. */
export const projectSettings = pgTable("project_settings", {
  projectId: text("project_id")
    .primaryKey()
    .references(() => projects.id, { onDelete: "cascade" }),
  webhookUrl: text("webhook_url"),
  /** HMAC-SHA256 signing secret, sealed with the key ring. */
  webhookSecret: text("webhook_secret"),
  webhookKeyId: text("webhook_key_id"),
  /** Re-encryption: while in the future, one instance is re-sealing this value (see encryption/). */
  resealLeaseUntil: timestamp("reseal_lease_until", { withTimezone: true }),
  emailAdmins: boolean("email_admins").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const deliveryStatus = pgEnum("delivery_status", ["PENDING", "DELIVERED", "FAILED"]);
export const deliveryChannel = pgEnum("delivery_channel", ["WEBHOOK", "EMAIL"]);

/** Outbox of notifications: written with the status change, delivered and retried with backoff. */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    channel: deliveryChannel("channel").notNull(),
    /** Webhook URL or e-mail recipients, fixed when the event happened. */
    target: text("target").notNull(),
    body: jsonb("body").$type<Record<string, unknown>>().notNull(),
    status: deliveryStatus("status").notNull().default("PENDING"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [index("notification_deliveries_due_idx").on(t.status, t.nextAttemptAt)],
);
