"use client";

import { useMutation } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { OAuthConnect } from "@/components/oauth/oauth-connect";
import { getPiece, type PieceAuth } from "@/pieces";
import { useTRPC } from "@/trpc/react";
import { credentialFields, findAuth, toCredentialsPayload, valuesFromHints, type CredentialValues } from "./auth-fields";
import { CredentialsFields } from "./credentials-fields";
import { FormAlert } from "./form-alert";
import { PieceHeading } from "./piece-heading";
import { formLevelMessage, toFormErrors } from "./server-errors";
import type { ConnectionDto } from "./types";
import { useInvalidateConnections } from "./use-invalidate-connections";

interface ReconnectConnectionDialogProps {
  projectId: string;
  connection: ConnectionDto | null;
  onOpenChange: (open: boolean) => void;
}

/**
 * An OAuth2 app's secret left blank on Reconnect keeps the stored one (the server merges it), so
 * its field says so instead of asking for it again.
 */
function keptSecretHints(auth: PieceAuth, hints: Record<string, string>): Record<string, string> {
  const shown = { ...hints };
  for (const { key, prop } of credentialFields(auth)) {
    if (prop.type === "secret" && hints[key]) shown[key] = `Unchanged (${hints[key]})`;
  }
  return shown;
}

export function ReconnectConnectionDialog({ projectId, connection, onOpenChange }: ReconnectConnectionDialogProps) {
  // Keeps the title while the dialog animates closed.
  const [lastShown, setLastShown] = useState(connection);
  if (connection && connection !== lastShown) setLastShown(connection);
  return (
    <Dialog open={connection !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Reconnect {(connection ?? lastShown)?.displayName}</DialogTitle>
          <DialogDescription>
            Enter the credentials again (or, for OAuth2 apps, authorize again) for this same connection. Its reference does not change, so every flow that uses
            it keeps working, and once the new credentials check out its status becomes Active.
          </DialogDescription>
        </DialogHeader>
        {connection && <ReconnectForm key={connection.id} projectId={projectId} connection={connection} onDone={() => onOpenChange(false)} />}
      </DialogContent>
    </Dialog>
  );
}

function ReconnectForm({ projectId, connection, onDone }: { projectId: string; connection: ConnectionDto; onDone: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateConnections();
  const piece = getPiece(connection.pieceName);
  const auth = findAuth(piece, connection.type);
  const [values, setValues] = useState<CredentialValues>(() => (auth ? valuesFromHints(auth, connection.valueHints) : {}));

  const reconnect = useMutation(
    trpc.connection.reconnect.mutationOptions({
      onSuccess: async ({ connection: saved, note }) => {
        toast.success(`“${saved.displayName}” reconnected`, { description: note });
        await invalidate();
        onDone();
      },
    }),
  );
  const [oauthError, setOAuthError] = useState<unknown>(null);
  const onOAuthStartError = useCallback((error: unknown) => setOAuthError(error), []);
  const failure = reconnect.error ?? oauthError;
  const errors = failure ? toFormErrors(failure) : null;
  const claimed = auth ? credentialFields(auth).map((f) => f.errorKey) : [];
  const pending = reconnect.isPending;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!auth) return;
    reconnect.mutate({ projectId, connectionId: connection.id, credentials: toCredentialsPayload(auth, values) });
  };

  return (
    <form noValidate onSubmit={submit} className="grid gap-5" aria-busy={pending}>
      <PieceHeading piece={piece} fallbackName={connection.pieceName} />
      {connection.statusReason && connection.status !== "ACTIVE" && (
        <p className="rounded-md bg-muted px-3 py-2 text-sm">
          <span className="font-medium">Why it needs attention: </span>
          {connection.statusReason}
        </p>
      )}
      <FormAlert message={formLevelMessage(errors, claimed)} />
      {auth ? (
        <CredentialsFields
          auth={auth}
          values={values}
          onChange={(key, value) => setValues((prev) => ({ ...prev, [key]: value }))}
          fieldErrors={errors?.fields}
          hints={auth.type === "OAUTH2" ? keptSecretHints(auth, connection.valueHints) : connection.valueHints}
          disabled={pending}
          oauthAction={
            auth.type === "OAUTH2" && (
              <OAuthConnect
                projectId={projectId}
                pieceName={connection.pieceName}
                connectionId={connection.id}
                props={values}
                label="Reconnect"
                onConnected={(saved) => {
                  toast.success(`“${saved.displayName}” reconnected`);
                  onDone();
                }}
                onStartError={onOAuthStartError}
              />
            )
          }
        />
      ) : (
        <p className="text-sm text-muted-foreground">This app is no longer in the catalogue, so the connection cannot be reconnected.</p>
      )}
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline" disabled={pending}>
            Cancel
          </Button>
        </DialogClose>
        {auth?.type !== "OAUTH2" && (
          <Button type="submit" disabled={pending || !auth}>
            {pending ? "Validating…" : "Save"}
          </Button>
        )}
      </DialogFooter>
    </form>
  );
}
