import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { notificationDeliveries, projectSettings } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { UndecryptableError } from "@/server/encryption/undecryptable";
import { log } from "@/server/log";
import type { StatusNotificationBody } from "./enqueue";
import { sendEmail, sendWebhook, type SendResult } from "./send";
import { openWebhookSecret } from "./webhook-secret";

export const MAX_ATTEMPTS = 8;
const CLAIM_LEASE_MS = 2 * 60_000;

/** 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

/**
 * Delivers due notifications. Rows are claimed with `skip locked` and a lease, so instances
 * sharing the database never send the same one twice at the same time.
 */
export async function deliverDueNotifications(db: Db, opts: { limit?: number; now?: Date } = {}) {
  const now = opts.now ?? new Date();
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(notificationDeliveries)
      .where(and(eq(notificationDeliveries.status, "PENDING"), lte(notificationDeliveries.nextAttemptAt, now)))
      .orderBy(notificationDeliveries.nextAttemptAt)
      .limit(opts.limit ?? 20)
      .for("update", { skipLocked: true });
    if (due.length) {
      await tx
        .update(notificationDeliveries)
        .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) })
        .where(
          inArray(
            notificationDeliveries.id,
            due.map((d) => d.id),
          ),
        );
    }
    return due;
  });

  let delivered = 0;
  for (const d of claimed) {
    const result = await sendOne(db, d);
    const attempts = d.attempts + 1;
    if (result.ok) {
      delivered++;
      await db
        .update(notificationDeliveries)
        .set({ status: "DELIVERED", attempts, deliveredAt: new Date(), lastError: null })
        .where(eq(notificationDeliveries.id, d.id));
    } else {
      const failed = attempts >= MAX_ATTEMPTS;
      log.warn("notification delivery failed", { id: d.id, channel: d.channel, attempts, error: result.error, final: failed });
      await db
        .update(notificationDeliveries)
        .set({
          status: failed ? "FAILED" : "PENDING",
          attempts,
          lastError: result.error.slice(0, 500),
          nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)),
        })
        .where(eq(notificationDeliveries.id, d.id));
    }
  }
  return { claimed: claimed.length, delivered };
}

async function sendOne(db: Db, d: typeof notificationDeliveries.$inferSelect): Promise<SendResult> {
  if (d.channel === "EMAIL") return sendEmail(d.target, d.body as StatusNotificationBody);
  const [settings] = await db.select().from(projectSettings).where(eq(projectSettings.projectId, d.projectId)).limit(1);
  if (!settings?.webhookSecret || !settings.webhookKeyId) return { ok: false, error: "webhook secret is not configured" };
  let secret: string;
  try {
    secret = openWebhookSecret(d.projectId, { webhookSecret: settings.webhookSecret, webhookKeyId: settings.webhookKeyId });
  } catch (err) {
    if (err instanceof UndecryptableError) return { ok: false, error: err.message };
    throw err;
  }
  return sendWebhook(d.target, secret, d.id, d.body);
}

export async function pendingNotificationCount(db: Db, projectId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notificationDeliveries)
    .where(and(eq(notificationDeliveries.projectId, projectId), eq(notificationDeliveries.status, "PENDING")));
  return r?.n ?? 0;
}
