import { Cable, Plus, SearchX } from "lucide-react";
import { Button } from "@/components/ui/button";

/** No connection in the project yet: say what one is and how to make the first. */
export function NoConnectionsYet({ canEdit, onNew }: { canEdit: boolean; onNew: () => void }) {
  return (
    <section className="flex flex-col items-center rounded-lg border border-dashed px-6 py-16 text-center">
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground">
        <Cable className="size-6" aria-hidden />
      </div>
      <h2 className="text-lg font-medium">No connections yet</h2>
      <p className="mt-2 max-w-prose text-sm text-muted-foreground">
        A connection is a saved, encrypted authorization to an app such as Gmail, Slack, OpenAI or PostgreSQL. Create it once, then every flow in this project
        can reuse it — by picking it in a step or with a reference like{" "}
        <code className="rounded bg-muted px-1 font-mono text-xs text-foreground">{"{{connections['openai-marketing']}}"}</code>.
      </p>
      {canEdit ? (
        <Button className="mt-6" onClick={onNew}>
          <Plus aria-hidden />
          New Connection
        </Button>
      ) : (
        <p className="mt-4 text-sm text-muted-foreground">Ask an editor of this project to add one.</p>
      )}
    </section>
  );
}

export function NoConnectionsMatch({ onClear }: { onClear: () => void }) {
  return (
    <section className="flex flex-col items-center rounded-lg border border-dashed px-6 py-12 text-center">
      <SearchX className="mb-3 size-8 text-muted-foreground" aria-hidden />
      <h2 className="text-lg font-medium">No connections match</h2>
      <p className="mt-1 text-sm text-muted-foreground">Try another name, or widen the status and app filters.</p>
      <Button variant="outline" className="mt-4" onClick={onClear}>
        Clear filters
      </Button>
    </section>
  );
}
