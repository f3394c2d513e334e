import { ConflictError } from "@/server/errors";
import type { ReplacePreview } from "./preview-replace";
import type { AffectedSummary } from "@/server/flows/affected-flows";

/**
 * The connections are used by flows and the caller did not confirm exactly this set of flows
 * (no confirmation, or one given for a set that has changed since).
 */
export class ConnectionsInUseError extends ConflictError {
  constructor(
    readonly affected: AffectedSummary,
    stale: boolean,
  ) {
    const flows = `${affected.total} flow${affected.total === 1 ? "" : "s"}`;
    super(
      stale
        ? `The flows using this changed since you looked: ${flows} now. Review them and confirm again.`
        : `Used by ${flows}: deleting breaks them. Confirm that you want to delete it anyway, or replace it first.`,
    );
  }
}

/** Replace was confirmed for a set of affected flows that has changed since the preview. */
export class StalePreviewError extends ConflictError {
  constructor(readonly preview: ReplacePreview) {
    super("The flows using this connection changed since the preview. Review the new list and confirm again.");
  }
}

export function duplicateNameError(name: string) {
  return new ConflictError(`A connection named “${name}” already exists in this project`, "displayName");
}
