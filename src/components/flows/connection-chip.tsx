import { CircleAlert } from "lucide-react";
import Link from "next/link";
import { cn } from "@/lib/utils";
import type { ReferencedConnection } from "@/server/flows/connection-lookup";

const STATUS_TEXT = { ACTIVE: "Active", MISSING: "Missing", ERROR: "Error" } as const;

/**
 * A connection a flow references: its name and status, or the bare externalId flagged
 * "not found" when no connection of the project has it (deleted, or never created).
 */
export function ConnectionChip({ projectId, externalId, connection }: { projectId: string; externalId: string; connection: ReferencedConnection | null }) {
  const problem = !connection ? "Not found" : connection.status !== "ACTIVE" ? STATUS_TEXT[connection.status] : null;
  const label = connection?.displayName ?? externalId;
  const className = cn(
    "inline-flex max-w-56 items-center gap-1 rounded-md border px-1.5 py-0.5 text-xs",
    !problem && "text-foreground",
    problem === "Missing" && "border-warning/60 bg-warning/10",
    // The destructive red itself is only 4:1 on its own tint: a deeper red for text (WCAG AA).
    (problem === "Error" || problem === "Not found") && "border-destructive/50 bg-destructive/10 text-red-800 dark:text-red-200",
  );
  const body = (
    <>
      {problem && <CircleAlert className="size-3 shrink-0" aria-hidden />}
      <span className={cn("truncate", !connection && "font-mono")}>{label}</span>
      {problem && <span className="shrink-0 font-medium">· {problem}</span>}
    </>
  );
  if (!connection)
    return (
      <span className={className} title={`No connection “${externalId}” in this project`}>
        {body}
      </span>
    );
  return (
    <Link
      href={`/p/${projectId}/connections?connection=${encodeURIComponent(connection.id)}`}
      className={cn(className, "hover:underline")}
      title={connection.statusReason ?? undefined}
    >
      {body}
    </Link>
  );
}
