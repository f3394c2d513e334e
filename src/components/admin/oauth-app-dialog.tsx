"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { OAuthAppDto } from "@/server/oauth/apps/list-oauth-apps";
import { useTRPC } from "@/trpc/react";

interface OAuthAppDialogProps {
  app: OAuthAppDto | null;
  onOpenChange: (open: boolean) => void;
}

/** Set or replace an app's Client ID and Client Secret; the secret is write-only. */
export function OAuthAppDialog({ app, onOpenChange }: OAuthAppDialogProps) {
  const [shown, setShown] = useState(app);
  if (app && app !== shown) setShown(app);
  return (
    <Dialog open={app !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>OAuth app for {(app ?? shown)?.displayName}</DialogTitle>
          <DialogDescription>
            From the app you registered in the provider&apos;s developer console. New connections use it at once; existing ones keep working when only the
            secret changes, and need Reconnect after a new Client ID.
          </DialogDescription>
        </DialogHeader>
        {app && <OAuthAppForm key={app.pieceName} app={app} onDone={() => onOpenChange(false)} />}
      </DialogContent>
    </Dialog>
  );
}

function OAuthAppForm({ app, onDone }: { app: OAuthAppDto; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [clientId, setClientId] = useState(app.source === "admin" ? (app.clientId ?? "") : "");
  const [clientSecret, setClientSecret] = useState("");
  const save = useMutation(
    trpc.oauthApp.set.mutationOptions({
      onSuccess: async () => {
        toast.success(`OAuth app for ${app.displayName} saved`);
        await queryClient.invalidateQueries({ queryKey: trpc.oauthApp.pathKey() });
        onDone();
      },
    }),
  );
  const fields = save.error instanceof TRPCClientError ? ((save.error.data as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors ?? {}) : {};
  const unplaced = save.error && !fields.clientId && !fields.clientSecret ? save.error.message : null;

  return (
    <form
      noValidate
      className="grid gap-5"
      aria-busy={save.isPending}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ pieceName: app.pieceName, clientId, clientSecret });
      }}
    >
      <FormField label="Client ID" htmlFor="oauth-app-client-id" required error={fields.clientId}>
        <Input value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off" maxLength={500} disabled={save.isPending} />
      </FormField>
      <FormField
        label="Client secret"
        htmlFor="oauth-app-client-secret"
        required
        error={fields.clientSecret}
        description={
          app.source === "admin" && app.secretHint
            ? `Stored encrypted and never shown again (currently ${app.secretHint}). Enter it again to save.`
            : "Stored encrypted and never shown again."
        }
      >
        <Input type="password" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} autoComplete="new-password" disabled={save.isPending} />
      </FormField>
      {unplaced && (
        <p role="alert" className="text-sm text-destructive">
          {unplaced}
        </p>
      )}
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline" disabled={save.isPending}>
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </Button>
      </DialogFooter>
    </form>
  );
}
