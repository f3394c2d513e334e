"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { CONFLICT_MODES, type ConflictMode } from "@/schemas/transfer";
import { useTRPC } from "@/trpc/react";

const modeLabels: Record<ConflictMode, { label: string; hint: string }> = {
  stop: { label: "Stop and list them", hint: "Nothing is imported while a name, external id or flow id already exists here." },
  rename: { label: "Import under new names", hint: "“Name (imported)”, “id-imported”; imported flows follow the new ids." },
  skip: { label: "Skip them", hint: "Only what does not exist here yet is imported." },
};

export function ImportForm({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState("");
  const [mode, setMode] = useState<ConflictMode>("stop");
  const run = useMutation(
    trpc.transfer.import.mutationOptions({
      onSuccess: () => {
        setPassphrase("");
        void queryClient.invalidateQueries();
      },
    }),
  );
  const fieldErrors = (run.error?.data as { fieldErrors?: Record<string, string> | null } | undefined)?.fieldErrors ?? {};

  return (
    <form
      className="grid gap-4 rounded-lg border p-4"
      aria-labelledby={`${id}-title`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (!file) return;
        run.mutate({ projectId, file: await file.text(), passphrase, onConflict: mode });
      }}
    >
      <div>
        <h2 id={`${id}-title`} className="font-medium">
          Import
        </h2>
        <p className="text-sm text-muted-foreground">
          Adds the connections and flows of an export file to this project, encrypted again with this installation&apos;s keys, in one step: a wrong passphrase,
          a changed file or a conflict imports nothing.
        </p>
      </div>
      <FormField label="Export file" htmlFor={`${id}-file`} required error={fieldErrors.file}>
        <Input type="file" accept=".cmexport,application/json,application/octet-stream" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </FormField>
      <FormField label="Passphrase of the export" htmlFor={`${id}-pass`} required error={fieldErrors.passphrase}>
        <Input type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      </FormField>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">When something already exists here</legend>
        {CONFLICT_MODES.map((m) => (
          <label key={m} className="flex items-start gap-2 text-sm">
            <input type="radio" name={`${id}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} className="mt-1" />
            <span className="grid">
              <span className="font-medium">{modeLabels[m].label}</span>
              <span className="text-muted-foreground">{modeLabels[m].hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {run.error && !fieldErrors.passphrase && !fieldErrors.file && (
        <p role="alert" className="text-sm text-destructive">
          {run.error.message}
        </p>
      )}
      {run.data && (
        <p role="status" className="text-sm">
          Imported {run.data.connections} connections, {run.data.flows} flows and {run.data.oauthApps} OAuth apps
          {run.data.renamed ? `; ${run.data.renamed} renamed` : ""}
          {run.data.skipped ? `; ${run.data.skipped} skipped` : ""}.
        </p>
      )}
      <div>
        <Button type="submit" disabled={run.isPending || !file}>
          {run.isPending ? "Importing…" : "Import"}
        </Button>
      </div>
    </form>
  );
}
