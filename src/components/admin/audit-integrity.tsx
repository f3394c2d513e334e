"use client";

import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { PlatformChanges } from "@/components/admin/platform-changes";
import { useTRPC } from "@/trpc/react";

/** Admin → Audit: check the hash chains now, and the platform-wide events. */
export function AuditIntegrity() {
  const trpc = useTRPC();
  const verify = useQuery({ ...trpc.admin.verifyAudit.queryOptions(), enabled: false, retry: false });
  const events = useQuery(trpc.admin.platformEvents.queryOptions());
  const report = verify.data;
  return (
    <div className="grid gap-8">
      <section aria-label="Audit trail integrity" className="grid gap-3">
        <h2 className="text-base font-medium">Integrity</h2>
        <p className="text-sm text-muted-foreground">
          Every audit event is chained to the previous one of its project (or of the platform) by a SHA-256 hash. Verification walks every chain and reports the
          first event that was changed or removed.
        </p>
        <div>
          <Button onClick={() => void verify.refetch()} disabled={verify.isFetching}>
            {verify.isFetching ? "Verifying…" : "Verify audit trail"}
          </Button>
        </div>
        {verify.error && (
          <p role="alert" className="text-sm text-destructive">
            Verification failed to run: {verify.error.message}
          </p>
        )}
        {report && !verify.isFetching && (
          <p role="status" className={report.ok ? "text-sm" : "text-sm font-medium text-destructive"}>
            {report.ok
              ? `Intact: ${report.rows} events in ${report.chains} chain${report.chains === 1 ? "" : "s"} verify.`
              : `Broken in the ${report.firstBreak!.projectId ? `chain of project ${report.firstBreak!.projectId}` : "platform chain"}: ${report.firstBreak!.reason}`}
          </p>
        )}
      </section>
      <PlatformChanges label="Recent platform changes" empty="No platform-wide change recorded yet." query={events} describe={describePlatformEvent} />
    </div>
  );
}

const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");

function describePlatformEvent(action: string, d: Record<string, unknown>): string {
  switch (action) {
    case "audit.pruned":
      return `pruned ${str(d.removed)} audit events from ${str(d.from).slice(0, 10)} to ${str(d.to).slice(0, 10)} (retention ${str(d.retentionDays)} days)`;
    case "project.deleted":
      return `deleted project “${str(d.name)}”`;
    default:
      return [
        action,
        ...Object.entries(d)
          .filter(([, v]) => typeof v === "string" || typeof v === "number")
          .map(([k, v]) => `${k}: ${String(v)}`),
      ].join(" · ");
  }
}
