"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { getPiece } from "@/pieces";
import { useTRPC } from "@/trpc/react";
import { credentialFields, findAuth, toCredentialsPayload, valuesFromHints, type CredentialValues } from "./auth-fields";
import { CredentialsFields } from "./credentials-fields";
import { FormAlert } from "./form-alert";
import { PieceHeading } from "./piece-heading";
import { formLevelMessage, toFormErrors } from "./server-errors";
import type { ConnectionDto } from "./types";
import { useInvalidateConnections } from "./use-invalidate-connections";

interface EditConnectionDialogProps {
  projectId: string;
  connection: ConnectionDto | null;
  onOpenChange: (open: boolean) => void;
}

export function EditConnectionDialog({ projectId, connection, onOpenChange }: EditConnectionDialogProps) {
  return (
    <Dialog open={connection !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Edit connection</DialogTitle>
          <DialogDescription>
            Rename it or replace its stored credentials. Flows refer to it by its reference, so they keep working either way.
          </DialogDescription>
        </DialogHeader>
        {connection && <EditConnectionForm key={connection.id} projectId={projectId} connection={connection} onDone={() => onOpenChange(false)} />}
      </DialogContent>
    </Dialog>
  );
}

function EditConnectionForm({ projectId, connection, onDone }: { projectId: string; connection: ConnectionDto; onDone: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateConnections();
  const piece = getPiece(connection.pieceName);
  const auth = findAuth(piece, connection.type);
  const [name, setName] = useState(connection.displayName);
  const [updateCredentials, setUpdateCredentials] = useState(false);
  const [values, setValues] = useState<CredentialValues>(() => (auth ? valuesFromHints(auth, connection.valueHints) : {}));

  const update = useMutation(
    trpc.connection.update.mutationOptions({
      onSuccess: async ({ connection: saved, note }) => {
        toast.success(`Connection “${saved.displayName}” saved`, { description: note });
        await invalidate();
        onDone();
      },
    }),
  );
  const errors = update.error ? toFormErrors(update.error) : null;
  const claimed = ["displayName", ...(auth ? credentialFields(auth).map((f) => f.errorKey) : [])];
  const pending = update.isPending;
  const canSendCredentials = updateCredentials && auth !== undefined && auth.type !== "OAUTH2";

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    update.mutate({
      projectId,
      connectionId: connection.id,
      displayName: name.trim() === connection.displayName ? undefined : name,
      credentials: canSendCredentials ? toCredentialsPayload(auth, values) : undefined,
    });
  };

  return (
    <form noValidate onSubmit={submit} className="grid gap-5" aria-busy={pending}>
      <PieceHeading piece={piece} fallbackName={connection.pieceName} />
      <FormAlert message={formLevelMessage(errors, claimed)} />
      <FormField label="Name" htmlFor="edit-connection-name" required error={errors?.fields.displayName}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoComplete="off" disabled={pending} />
      </FormField>

      <div className="flex items-center gap-3">
        <Switch
          id="edit-connection-update-credentials"
          checked={updateCredentials}
          onCheckedChange={(checked) => {
            setUpdateCredentials(checked);
            update.reset();
          }}
          disabled={pending || !auth}
        />
        <Label htmlFor="edit-connection-update-credentials">Update credentials</Label>
      </div>
      {!auth && <p className="text-sm text-muted-foreground">This app is no longer in the catalogue, so its credentials cannot be changed.</p>}
      {updateCredentials && auth && (
        <div className="grid gap-4 rounded-md border p-4">
          <p className="text-sm text-muted-foreground">
            Secret fields start empty: the stored values are never sent to the browser. Enter them again to save new credentials.
          </p>
          <CredentialsFields
            auth={auth}
            values={values}
            onChange={(key, value) => setValues((prev) => ({ ...prev, [key]: value }))}
            fieldErrors={errors?.fields}
            hints={connection.valueHints}
            disabled={pending}
          />
        </div>
      )}

      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline" disabled={pending}>
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={pending || (updateCredentials && auth?.type === "OAUTH2")}>
          {pending ? (canSendCredentials ? "Validating…" : "Saving…") : "Save"}
        </Button>
      </DialogFooter>
    </form>
  );
}
