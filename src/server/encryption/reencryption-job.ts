import { SYSTEM_ACTOR } from "@/server/context";
import type { BackgroundJob } from "@/server/jobs/scheduler";
import { log } from "@/server/log";
import { getKeyRing } from "@/server/secrets/key-ring";
import { runReencryption } from "./run-reencryption";
import { syncCurrentKey } from "./sync-current-key";

/**
 * Re-encryption as a background job: every few seconds each instance checks whether the current
 * key changed (and starts the job if so), then works on a running job for up to a minute.
 */
export function reencryptionJob(opts: { everyMs?: number } = {}): BackgroundJob {
  return {
    name: "re-encryption",
    everyMs: opts.everyMs ?? 5_000,
    run: async (db, { shouldStop }) => {
      const ring = getKeyRing();
      const synced = await syncCurrentKey(db, ring, SYSTEM_ACTOR);
      if (synced === "rotated") log.info(`encryption: the current key is now “${ring.current.id}”, re-encryption started`);
      const run = await runReencryption(db, { ring, shouldStop });
      if (run.resealed || run.failed) log.info("encryption: re-encryption run", { ...run });
    },
  };
}
