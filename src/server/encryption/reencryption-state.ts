import { eq, sql } from "drizzle-orm";
import { encryptionState } from "@/server/db/schema";
import type { Db } from "@/server/db/types";

export type EncryptionStateRow = typeof encryptionState.$inferSelect;

/** The singleton row (created by the migration; recreated here if someone deleted it). */
export async function readEncryptionState(db: Db, opts: { forUpdate?: boolean } = {}): Promise<EncryptionStateRow> {
  const select = () => {
    const q = db.select().from(encryptionState).where(eq(encryptionState.id, 1)).limit(1);
    return opts.forUpdate ? q.for("update") : q;
  };
  let [row] = await select();
  if (!row) {
    await db.insert(encryptionState).values({ id: 1 }).onConflictDoNothing();
    [row] = await select();
  }
  return row!;
}

/** Adds one batch's figures to the shared progress (every instance adds its own). */
export async function addReencryptionProgress(db: Db, keyId: string, delta: { resealed: number; failed: number; lastError?: string }) {
  if (delta.resealed === 0 && delta.failed === 0) return;
  await db
    .update(encryptionState)
    .set({
      jobResealed: sql`${encryptionState.jobResealed} + ${delta.resealed}`,
      jobFailed: sql`${encryptionState.jobFailed} + ${delta.failed}`,
      ...(delta.lastError ? { jobLastError: delta.lastError } : {}),
      updatedAt: new Date(),
    })
    .where(sql`${encryptionState.id} = 1 and ${encryptionState.jobKeyId} = ${keyId}`);
}
