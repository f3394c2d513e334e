"use client";

import { useMutation } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import { useCallback, useState } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogFooter } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { OAuthConnect } from "@/components/oauth/oauth-connect";
import type { Piece, PieceAuth } from "@/pieces";
import { useTRPC } from "@/trpc/react";
import { credentialFields, initialValues, toCredentialsPayload, type CredentialValues } from "./auth-fields";
import { AuthMethodPicker } from "./auth-method-picker";
import { CredentialsFields } from "./credentials-fields";
import { FormAlert } from "./form-alert";
import { PieceHeading } from "./piece-heading";
import { formLevelMessage, toFormErrors } from "./server-errors";
import type { ConnectionDto } from "./types";
import { useInvalidateConnections } from "./use-invalidate-connections";

interface NewConnectionFormProps {
  projectId: string;
  piece: Piece;
  onBack: () => void;
  /** Called with the saved connection (the embedded picker hands it to the editor). */
  onCreated: (connection: ConnectionDto) => void;
  /** Outside a dialog (the embedded picker), Cancel calls this instead of closing the dialog. */
  onCancel?: () => void;
}

export function NewConnectionForm({ projectId, piece, onBack, onCreated, onCancel }: NewConnectionFormProps) {
  const trpc = useTRPC();
  const invalidate = useInvalidateConnections();
  const [name, setName] = useState(`${piece.displayName} – `);
  const [auth, setAuth] = useState<PieceAuth>(piece.auths[0]!);
  const [values, setValues] = useState<CredentialValues>(() => initialValues(piece.auths[0]!));

  // The suggested "<App> – " is meant to be finished, so the caret starts after it.
  const focusAtEnd = useCallback((input: HTMLInputElement | null) => {
    if (!input) return;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }, []);

  const create = useMutation(
    trpc.connection.create.mutationOptions({
      onSuccess: async ({ connection, note }) => {
        toast.success(`Connection “${connection.displayName}” saved`, { description: note });
        await invalidate();
        onCreated(connection);
      },
    }),
  );
  // OAuth2 is saved by its popup's start, not by Save: its errors are placed on the same fields.
  const [oauthError, setOAuthError] = useState<unknown>(null);
  const onOAuthStartError = useCallback((error: unknown) => setOAuthError(error), []);
  const failure = create.error ?? oauthError;
  const errors = failure ? toFormErrors(failure) : null;
  const claimed = ["displayName", ...credentialFields(auth).map((f) => f.errorKey)];

  const chooseAuth = (type: PieceAuth["type"]) => {
    const next = piece.auths.find((a) => a.type === type)!;
    setAuth(next);
    setValues(initialValues(next));
    create.reset();
    setOAuthError(null);
  };

  const oauthConnected = async (connection: ConnectionDto) => {
    toast.success(`Connection “${connection.displayName}” authorized`);
    await invalidate();
    onCreated(connection);
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    create.mutate({
      projectId,
      pieceName: piece.name,
      type: auth.type,
      displayName: name,
      credentials: toCredentialsPayload(auth, values),
    });
  };

  const pending = create.isPending;
  return (
    <form noValidate onSubmit={submit} className="grid gap-5" aria-busy={pending}>
      <div className="flex items-center justify-between gap-3">
        <PieceHeading piece={piece} fallbackName={piece.name} />
        <Button type="button" variant="ghost" size="sm" onClick={onBack} disabled={pending}>
          <ArrowLeft aria-hidden />
          Back
        </Button>
      </div>

      <FormAlert message={formLevelMessage(errors, claimed)} />

      <FormField
        label="Name"
        htmlFor="new-connection-name"
        required
        description="Name it after the account, e.g. “Gmail – Support Inbox”, so it is easy to pick in a flow."
        error={errors?.fields.displayName}
      >
        <Input value={name} onChange={(e) => setName(e.target.value)} ref={focusAtEnd} maxLength={100} autoComplete="off" disabled={pending} />
      </FormField>

      {piece.auths.length > 1 && <AuthMethodPicker auths={piece.auths} value={auth.type} onChange={chooseAuth} disabled={pending} />}
      {(auth.type === "CUSTOM" || auth.type === "BASIC") && <p className="text-sm text-muted-foreground">{auth.description}</p>}

      <CredentialsFields
        auth={auth}
        values={values}
        onChange={(key, value) => setValues((prev) => ({ ...prev, [key]: value }))}
        fieldErrors={errors?.fields}
        disabled={pending}
        oauthAction={
          auth.type === "OAUTH2" && (
            <OAuthConnect
              projectId={projectId}
              pieceName={piece.name}
              displayName={name}
              props={values}
              onConnected={(connection) => void oauthConnected(connection)}
              onStartError={onOAuthStartError}
            />
          )
        }
      />

      <DialogFooter>
        {onCancel ? (
          <Button type="button" variant="outline" disabled={pending} onClick={onCancel}>
            Cancel
          </Button>
        ) : (
          <DialogClose asChild>
            <Button type="button" variant="outline" disabled={pending}>
              Cancel
            </Button>
          </DialogClose>
        )}
        {auth.type !== "OAUTH2" && (
          <Button type="submit" disabled={pending}>
            {pending ? "Validating…" : "Save"}
          </Button>
        )}
      </DialogFooter>
    </form>
  );
}
