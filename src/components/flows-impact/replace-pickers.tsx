"use client";

import { useQuery } from "@tanstack/react-query";
import { getPiece } from "@/pieces";
import { useTRPC } from "@/trpc/react";
import { LabeledSelect } from "./labeled-select";

export interface ReplaceChoice {
  app: string | null;
  fromId: string | null;
  toId: string | null;
}

const flows = (n: number) => `${n} flow${n === 1 ? "" : "s"}`;

/** App, then the connection to replace, then its replacement among the same app's connections. */
export function ReplacePickers({ projectId, choice, onChange }: { projectId: string; choice: ReplaceChoice; onChange: (next: ReplaceChoice) => void }) {
  const trpc = useTRPC();
  const apps = useQuery(trpc.flowImpact.apps.queryOptions({ projectId }));
  const sameApp = useQuery({
    ...trpc.connection.list.queryOptions({ projectId, pieces: choice.app ? [choice.app] : [], sort: "name", dir: "asc", pageSize: 100 }),
    enabled: choice.app !== null,
  });
  const candidates = sameApp.data?.items ?? [];

  return (
    <div className="grid gap-4">
      <LabeledSelect
        label="App"
        placeholder={apps.isLoading ? "Loading…" : "Choose an app"}
        value={choice.app}
        options={(apps.data ?? []).map((a) => ({
          value: a.pieceName,
          label: `${getPiece(a.pieceName)?.displayName ?? a.pieceName} (${a.connections})`,
          disabled: a.connections < 2,
        }))}
        onChange={(app) => onChange({ app, fromId: null, toId: null })}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <LabeledSelect
          label="Connection to replace"
          placeholder="Choose a connection"
          disabled={!choice.app}
          value={choice.fromId}
          options={candidates.map((c) => ({ value: c.id, label: `${c.displayName} · ${flows(c.flowCount)}` }))}
          onChange={(fromId) => onChange({ ...choice, fromId, toId: choice.toId === fromId ? null : choice.toId })}
        />
        <LabeledSelect
          label="Replacement"
          placeholder="Choose its replacement"
          disabled={!choice.fromId}
          value={choice.toId}
          options={candidates
            .filter((c) => c.id !== choice.fromId)
            .map((c) => ({ value: c.id, label: c.status === "ACTIVE" ? c.displayName : `${c.displayName} (${c.status.toLowerCase()})` }))}
          onChange={(toId) => onChange({ ...choice, toId })}
        />
      </div>
      {sameApp.data && sameApp.data.total > candidates.length && (
        <p className="text-xs text-muted-foreground">
          Showing the first {candidates.length} of {sameApp.data.total} connections of this app, by name.
        </p>
      )}
    </div>
  );
}
