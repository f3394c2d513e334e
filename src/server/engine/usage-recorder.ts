import { and, eq, gt, sql } from "drizzle-orm";
import { recordAudit } from "@/server/audit/record";
import type { Actor } from "@/server/context";
import { apiTokens, auditEvents, connections, flows } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { log } from "@/server/log";

export interface ConnectionUse {
  projectId: string;
  connection: { id: string; externalId: string; displayName: string };
  flowId: string | null;
  actor: Actor;
}

export interface UsageRecorder {
  /** Notes a use; returns whether it will be written (false when throttled). Never waits. */
  connectionUsed: (use: ConnectionUse) => boolean;
  tokenUsed: (tokenId: string) => boolean;
  /** Resolves once every write queued so far is done (tests, shutdown). */
  idle: () => Promise<void>;
}

/** Advisory-lock class of the "used by flow" throttle (the second key is a hash of the pair). */
const USAGE_LOCK_CLASS = 7301;

/**
 * Last Used and "used by flow X" audit events, after the response, one write at a time. Each
 * instance writes a (connection, flow) pair at most once per `intervalMs`; across instances the
 * audit event is still written once per interval: the write takes a transaction-scoped advisory
 * lock on the pair and skips the event when another instance wrote one within the interval.
 */
export function createUsageRecorder(opts: { db: Db; intervalMs?: number; now?: () => number; maxKeys?: number }): UsageRecorder {
  const intervalMs = opts.intervalMs ?? 60_000;
  const now = opts.now ?? Date.now;
  const maxKeys = opts.maxKeys ?? 50_000;
  const lastWrite = new Map<string, number>();
  let queue: Promise<void> = Promise.resolve();
  let scheduled = 0;

  function due(key: string): boolean {
    const t = now();
    const prev = lastWrite.get(key);
    if (prev !== undefined && t - prev < intervalMs) return false;
    lastWrite.delete(key);
    lastWrite.set(key, t);
    // Map order is insertion order: the first keys are the least recently written.
    if (lastWrite.size > maxKeys) for (const old of lastWrite.keys()) if (lastWrite.size > maxKeys) lastWrite.delete(old);
    return true;
  }

  function later(write: () => Promise<void>) {
    scheduled++;
    setImmediate(() => {
      queue = queue
        .then(write)
        .catch((err: unknown) => log.warn("engine API: recording a use failed", { error: err as Error }))
        .finally(() => void scheduled--);
    });
  }

  return {
    connectionUsed(use) {
      if (!due(`${use.connection.id}\u0000${use.flowId ?? ""}`)) return false;
      later(() =>
        opts.db.transaction(async (tx) => {
          await tx.update(connections).set({ lastUsedAt: new Date() }).where(eq(connections.id, use.connection.id));
          if (!use.flowId) return;
          await tx.execute(sql`select pg_advisory_xact_lock(${USAGE_LOCK_CLASS}, hashtext(${`${use.connection.id}/${use.flowId}`}))`);
          const [recent] = await tx
            .select({ id: auditEvents.id })
            .from(auditEvents)
            .where(
              and(
                eq(auditEvents.connectionId, use.connection.id),
                eq(auditEvents.action, "connection.used"),
                eq(auditEvents.flowId, use.flowId),
                gt(auditEvents.createdAt, new Date(now() - intervalMs)),
              ),
            )
            .limit(1);
          if (recent) return;
          const [flow] = await tx
            .select({ name: flows.name })
            .from(flows)
            .where(and(eq(flows.projectId, use.projectId), eq(flows.id, use.flowId)))
            .limit(1);
          await recordAudit(tx, {
            projectId: use.projectId,
            actor: use.actor,
            action: "connection.used",
            connection: use.connection,
            flowId: use.flowId,
            details: { flowName: flow?.name ?? null },
          });
        }),
      );
      return true;
    },
    tokenUsed(tokenId) {
      if (!due(`token\u0000${tokenId}`)) return false;
      later(async () => {
        await opts.db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, tokenId));
      });
      return true;
    },
    async idle() {
      while (scheduled > 0) {
        await new Promise((resolve) => setImmediate(resolve));
        await queue;
      }
    },
  };
}
