"use client";

import type { EncryptionStatus } from "@/server/encryption/encryption-status";

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** The re-encryption job: a progress bar, rate, ETA and the last error, from the shared job row. */
export function EncryptionProgress({ job }: { job: EncryptionStatus["job"] }) {
  if (job.status === "idle") {
    return <p className="text-sm text-muted-foreground">No re-encryption has run yet.</p>;
  }
  const percent = Math.floor(job.progress * 100);
  const done = job.total - job.remaining;
  return (
    <div className="grid gap-2">
      <div
        role="progressbar"
        aria-label="Re-encryption progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 w-full overflow-hidden rounded bg-muted"
      >
        <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm" aria-live="polite">
        {job.status === "running" ? (
          <>
            Re-encrypting with <code>{job.keyId}</code>: {Math.max(0, done).toLocaleString()} of {job.total.toLocaleString()} values ({percent}%)
            {job.ratePerSecond ? `, ${Math.round(job.ratePerSecond).toLocaleString()} values/s` : ""}
            {job.etaSeconds !== null ? `, about ${duration(job.etaSeconds)} left` : ""}.
          </>
        ) : (
          <>
            Re-encryption with <code>{job.keyId}</code> finished
            {job.finishedAt ? ` at ${job.finishedAt.toLocaleString()}` : ""}: {job.resealed.toLocaleString()} values re-sealed.
          </>
        )}
      </p>
      {job.failed > 0 && (
        <p className="text-sm text-destructive" role="alert">
          {job.failed.toLocaleString()} {job.failed === 1 ? "value" : "values"} could not be re-sealed{job.lastError ? ` (last: ${job.lastError})` : ""}.
        </p>
      )}
    </div>
  );
}
