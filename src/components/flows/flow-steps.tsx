import { PieceIcon } from "@/components/piece-icon";
import { getPiece } from "@/pieces";
import type { StepProblem, StepView } from "@/server/flows/get-flow";
import { ConnectionChip } from "./connection-chip";

function problemText(problem: StepProblem, c: StepView["connections"][number], step: StepView): string | null {
  switch (problem) {
    case "CONNECTION_NOT_FOUND":
      return `No connection “${c.externalId}” in this project: the step will fail.`;
    case "CONNECTION_ERROR":
      return `${c.connection!.displayName} is in error${c.connection!.statusReason ? ` (${c.connection!.statusReason})` : ""}: Reconnect it.`;
    case "CONNECTION_MISSING":
      return `${c.connection!.displayName} was never completed: set it up or Reconnect it.`;
    case "OTHER_APP":
      return `${c.connection!.displayName} is a ${getPiece(c.connection!.pieceName)?.displayName ?? c.connection!.pieceName} connection, but this step is ${getPiece(step.pieceName)?.displayName ?? step.pieceName}.`;
    default:
      return null;
  }
}

/** One version of a flow: its steps in order, each with the connections it uses and their state. */
export function FlowSteps({ projectId, steps, label }: { projectId: string; steps: StepView[]; label: string }) {
  if (steps.length === 0) return <p className="text-sm text-muted-foreground">This version has no steps.</p>;
  return (
    <ol aria-label={label} className="divide-y rounded-lg border">
      {steps.map((step, index) => {
        const piece = getPiece(step.pieceName);
        return (
          <li key={step.name} className="flex gap-4 p-4">
            <span className="mt-1 w-5 shrink-0 text-right text-sm text-muted-foreground tabular-nums">{index + 1}</span>
            {piece ? <PieceIcon piece={piece} size={28} className="shrink-0" /> : <div className="size-7 shrink-0 rounded bg-muted" aria-hidden />}
            <div className="min-w-0 flex-1 space-y-1">
              <div className="flex flex-wrap items-baseline gap-x-2">
                <h3 className="font-medium">{step.displayName ?? step.name}</h3>
                <span className="text-sm text-muted-foreground">{piece?.displayName ?? step.pieceName}</span>
                {step.displayName && <span className="font-mono text-xs text-muted-foreground">{step.name}</span>}
              </div>
              {step.connections.length === 0 ? (
                <p className="text-sm text-muted-foreground">No connection</p>
              ) : (
                <ul className="space-y-1">
                  {step.connections.map((c) => {
                    const problem = problemText(c.problem, c, step);
                    return (
                      <li key={c.externalId} className="space-y-0.5 text-sm">
                        <div className="flex flex-wrap items-center gap-2">
                          <span className="text-muted-foreground">Connection:</span>
                          <ConnectionChip projectId={projectId} externalId={c.externalId} connection={c.connection} />
                          <code className="truncate font-mono text-xs text-muted-foreground">{c.reference}</code>
                        </div>
                        {problem && <p className="text-destructive">{problem}</p>}
                      </li>
                    );
                  })}
                </ul>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
