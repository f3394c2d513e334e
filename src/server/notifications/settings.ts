import { eq } from "drizzle-orm";
import { getEnv } from "@/env";
import type { ProjectCtx } from "@/server/context";
import { requireRole } from "@/server/authz/roles";
import { recordAudit } from "@/server/audit/record";
import { projectSettings } from "@/server/db/schema";
import { ValidationError } from "@/server/errors";
import { ZUpdateNotificationSettingsInput } from "@/schemas/notifications";
import { parseOrThrow } from "@/server/validation";
import { sendWebhook } from "./send";
import { settingsChanges } from "./settings-changes";
import { newWebhookSecret, openWebhookSecret, sealWebhookSecret } from "./webhook-secret";

function assertAdmin(ctx: ProjectCtx) {
  requireRole(ctx, "ADMIN", "Only project admins can change notifications");
}

async function load(ctx: ProjectCtx, forUpdate = false) {
  const query = ctx.db.select().from(projectSettings).where(eq(projectSettings.projectId, ctx.projectId)).limit(1);
  const [row] = forUpdate ? await query.for("update") : await query;
  return row;
}

/** What the settings page shows: never the secret, only whether one exists. */
export async function getNotificationSettings({ ctx }: { ctx: ProjectCtx }) {
  const row = await load(ctx);
  return {
    webhookUrl: row?.webhookUrl ?? "",
    hasWebhookSecret: Boolean(row?.webhookSecret),
    emailAdmins: row?.emailAdmins ?? false,
    smtpConfigured: Boolean(getEnv().SMTP_URL),
  };
}

/** Saves the settings; the first webhook URL gets a signing secret, returned this once. */
export async function updateNotificationSettings({ ctx, input }: { ctx: ProjectCtx; input: unknown }) {
  assertAdmin(ctx);
  const data = parseOrThrow(ZUpdateNotificationSettingsInput, input);
  const url = data.webhookUrl || null;
  let secret: string | undefined;
  await ctx.db.transaction(async (tx) => {
    const row = await load({ ...ctx, db: tx }, true);
    secret = url && !row?.webhookSecret ? newWebhookSecret() : undefined;
    const values = { webhookUrl: url, emailAdmins: data.emailAdmins, updatedAt: new Date(), ...(secret ? sealWebhookSecret(ctx.projectId, secret) : {}) };
    await tx
      .insert(projectSettings)
      .values({ projectId: ctx.projectId, ...values })
      .onConflictDoUpdate({ target: projectSettings.projectId, set: values });
    const changes = settingsChanges(row, { webhookUrl: url, emailAdmins: data.emailAdmins, secretCreated: Boolean(secret) });
    if (changes) await recordAudit(tx, { projectId: ctx.projectId, actor: ctx.actor, action: "notifications.updated", details: changes });
  });
  return { ...(await getNotificationSettings({ ctx })), newSecret: secret ?? null };
}

export async function rotateWebhookSecret({ ctx }: { ctx: ProjectCtx }) {
  assertAdmin(ctx);
  const secret = newWebhookSecret();
  const sealed = sealWebhookSecret(ctx.projectId, secret);
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(projectSettings)
      .values({ projectId: ctx.projectId, ...sealed })
      .onConflictDoUpdate({ target: projectSettings.projectId, set: { ...sealed, updatedAt: new Date() } });
    await recordAudit(tx, {
      projectId: ctx.projectId,
      actor: ctx.actor,
      action: "notifications.updated",
      details: { fields: ["webhookSecret"], webhookSecret: "rotated" },
    });
  });
  return { newSecret: secret };
}

/** Sends a signed test event now and reports what the receiver answered. */
export async function sendTestWebhook({ ctx }: { ctx: ProjectCtx }) {
  assertAdmin(ctx);
  const row = await load(ctx);
  if (!row?.webhookUrl || !row.webhookSecret || !row.webhookKeyId) throw new ValidationError("Save a webhook URL first");
  const secret = openWebhookSecret(ctx.projectId, { webhookSecret: row.webhookSecret, webhookKeyId: row.webhookKeyId });
  const body = { event: "test", occurredAt: new Date().toISOString(), projectId: ctx.projectId };
  const result = await sendWebhook(row.webhookUrl, secret, 0, body);
  return result.ok
    ? { ok: true as const, message: "The receiver accepted the test event" }
    : { ok: false as const, message: `Delivery failed: ${result.error}` };
}
