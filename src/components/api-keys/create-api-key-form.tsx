"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { API_KEY_SCOPES, API_KEY_SCOPE_INFO, type ApiKeyScope } from "@/schemas/api-keys";
import { useTRPC } from "@/trpc/react";

export function CreateApiKeyForm({ projectId, onCreated }: { projectId: string; onCreated: (created: { token: string; name: string }) => void }) {
  const trpc = useTRPC();
  const idBase = useId();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["connections:read"]);
  const create = useMutation(
    trpc.apiKey.create.mutationOptions({
      onSuccess: (result) => {
        setName("");
        onCreated({ token: result.token, name: result.key.name });
      },
    }),
  );
  const fieldErrors = (create.error?.data as { fieldErrors?: Record<string, string> | null } | undefined)?.fieldErrors ?? {};

  return (
    <form
      className="grid gap-4 rounded-lg border p-4"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ projectId, name, scopes });
      }}
    >
      <h2 className="font-medium">New API key</h2>
      <FormField label="Key name" htmlFor={`${idBase}-name`} required error={fieldErrors.name} description="Where it is used, e.g. “Production flow engine”.">
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
      </FormField>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Scopes</legend>
        {API_KEY_SCOPES.map((scope) => (
          <div key={scope} className="flex items-start gap-2">
            <Checkbox
              id={`${idBase}-${scope}`}
              checked={scopes.includes(scope)}
              onCheckedChange={(v) => setScopes((s) => (v === true ? [...s, scope] : s.filter((x) => x !== scope)))}
            />
            <Label htmlFor={`${idBase}-${scope}`} className="grid gap-1 font-normal">
              <span className="font-medium">{API_KEY_SCOPE_INFO[scope].label}</span>
              <span className="text-muted-foreground">{API_KEY_SCOPE_INFO[scope].description}</span>
            </Label>
          </div>
        ))}
        {fieldErrors.scopes && (
          <p role="alert" className="text-sm text-destructive">
            {fieldErrors.scopes}
          </p>
        )}
      </fieldset>
      {create.error && !fieldErrors.name && !fieldErrors.scopes && (
        <p role="alert" className="text-sm text-destructive">
          {create.error.message}
        </p>
      )}
      <div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create key"}
        </Button>
      </div>
    </form>
  );
}
