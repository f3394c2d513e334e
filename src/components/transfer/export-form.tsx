"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { PASSPHRASE_MIN } from "@/schemas/transfer";
import { useTRPC } from "@/trpc/react";

function download(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/octet-stream" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportForm({ projectId, includesOAuthApps }: { projectId: string; includesOAuthApps: boolean }) {
  const trpc = useTRPC();
  const id = useId();
  const [passphrase, setPassphrase] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const run = useMutation(
    trpc.transfer.export.mutationOptions({
      onSuccess: (result) => {
        download(result.file, result.fileName);
        setPassphrase("");
        setRepeat("");
      },
    }),
  );
  const fieldErrors = (run.error?.data as { fieldErrors?: Record<string, string> | null } | undefined)?.fieldErrors ?? {};

  return (
    <form
      className="grid gap-4 rounded-lg border p-4"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        setMismatch(passphrase !== repeat);
        if (passphrase === repeat) run.mutate({ projectId, passphrase });
      }}
    >
      <div>
        <h2 id={`${id}-title`} className="font-medium">
          Export
        </h2>
        <p className="text-sm text-muted-foreground">
          Downloads every connection of this project with its credentials, and its flows
          {includesOAuthApps ? ", and the OAuth-app client settings they use" : ""}, in one file encrypted with the passphrase below. Keep the passphrase apart
          from the file: anyone with both can read every credential.
        </p>
      </div>
      <FormField label="Passphrase" htmlFor={`${id}-pass`} required error={fieldErrors.passphrase} description={`At least ${PASSPHRASE_MIN} characters.`}>
        <Input type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      </FormField>
      <FormField label="Repeat the passphrase" htmlFor={`${id}-repeat`} required error={mismatch ? "The passphrases differ" : undefined}>
        <Input type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
      </FormField>
      {run.error && !fieldErrors.passphrase && (
        <p role="alert" className="text-sm text-destructive">
          {run.error.message}
        </p>
      )}
      {run.data && (
        <p role="status" className="text-sm">
          Exported {run.data.counts.connections} connections, {run.data.counts.flows} flows and {run.data.counts.oauthApps} OAuth apps to {run.data.fileName}.
        </p>
      )}
      <div>
        <Button type="submit" disabled={run.isPending}>
          {run.isPending ? "Exporting…" : "Export and download"}
        </Button>
      </div>
    </form>
  );
}
