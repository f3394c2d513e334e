import { and, eq, sql } from "drizzle-orm";
import { getEnv } from "@/env";
import { connectionReferences, memberships, notificationDeliveries, projectSettings, users } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { publicOrigin } from "@/server/http/public-origin";

type Status = "ACTIVE" | "MISSING" | "ERROR";

export interface StatusNotificationBody extends Record<string, unknown> {
  event: "connection.error" | "connection.recovered";
  occurredAt: string;
  projectId: string;
  /** `url` opens the connection in the app; absent from bodies queued by older versions. */
  connection: { id: string; externalId: string; displayName: string; pieceName: string; url?: string };
  status: { from: Status; to: Status; reason: string | null };
  affectedFlows: number;
}

/**
 * A link to the connection's drawer. Queued from a service (often a background health check) with
 * no request at hand: APP_URL, else the origin people last used (see publicOrigin).
 */
export function connectionUrl(connection: { id: string; projectId: string }): string {
  return `${publicOrigin()}/p/${encodeURIComponent(connection.projectId)}/connections?connection=${encodeURIComponent(connection.id)}`;
}

/**
 * Queues the notifications for a move to Error, or a recovery from it, in the transaction of the
 * change: the webhook (when configured) and e-mail to project admins (when enabled and SMTP is set).
 */
export async function enqueueStatusNotification(
  tx: Db,
  input: {
    connection: { id: string; projectId: string; externalId: string; displayName: string; pieceName: string };
    from: Status;
    to: Status;
    reason: string | null;
  },
) {
  const event = input.to === "ERROR" ? "connection.error" : input.from === "ERROR" && input.to === "ACTIVE" ? "connection.recovered" : null;
  if (!event) return;
  const { connection } = input;
  const [settings] = await tx.select().from(projectSettings).where(eq(projectSettings.projectId, connection.projectId)).limit(1);
  const smtpConfigured = Boolean(getEnv().SMTP_URL);
  if (!settings?.webhookUrl && !(settings?.emailAdmins && smtpConfigured)) return;

  const [{ flows } = { flows: 0 }] = await tx
    .select({ flows: sql<number>`count(*)::int` })
    .from(connectionReferences)
    .where(and(eq(connectionReferences.projectId, connection.projectId), eq(connectionReferences.externalId, connection.externalId)));

  const body: StatusNotificationBody = {
    event,
    occurredAt: new Date().toISOString(),
    projectId: connection.projectId,
    connection: {
      id: connection.id,
      externalId: connection.externalId,
      displayName: connection.displayName,
      pieceName: connection.pieceName,
      url: connectionUrl(connection),
    },
    status: { from: input.from, to: input.to, reason: input.reason },
    affectedFlows: flows,
  };
  if (settings.webhookUrl) {
    await tx.insert(notificationDeliveries).values({ projectId: connection.projectId, channel: "WEBHOOK", target: settings.webhookUrl, body });
  }
  if (settings.emailAdmins && smtpConfigured) {
    const admins = await tx
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.projectId, connection.projectId), eq(memberships.role, "ADMIN")));
    if (admins.length) {
      await tx.insert(notificationDeliveries).values({
        projectId: connection.projectId,
        channel: "EMAIL",
        target: admins.map((a) => a.email).join(","),
        body,
      });
    }
  }
}
