"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/trpc/react";
import { SecretOnce } from "./secret-once";

export function NotificationSettingsForm({ projectId, canManage }: { projectId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.notifications.get.queryOptions({ projectId }));
  if (!settings.data) return <Skeleton className="h-64 w-full max-w-2xl" />;
  return <SettingsEditor projectId={projectId} canManage={canManage} initial={settings.data} />;
}

interface Saved {
  webhookUrl: string;
  emailAdmins: boolean;
  smtpConfigured: boolean;
}

function SettingsEditor({ projectId, canManage, initial }: { projectId: string; canManage: boolean; initial: Saved }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const settings = { data: initial };
  const [url, setUrl] = useState(initial.webhookUrl);
  const [emailAdmins, setEmailAdmins] = useState(initial.emailAdmins);
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.notifications.get.queryKey({ projectId }) });
  const save = useMutation(
    trpc.notifications.update.mutationOptions({
      onSuccess: (r) => {
        toast.success("Notification settings saved");
        if (r.newSecret) setSecret(r.newSecret);
        void refresh();
      },
    }),
  );
  const rotate = useMutation(trpc.notifications.rotateSecret.mutationOptions({ onSuccess: (r) => setSecret(r.newSecret) }));
  const test = useMutation(
    trpc.notifications.sendTest.mutationOptions({
      onSuccess: (r) => (r.ok ? toast.success(r.message) : toast.error(r.message)),
      onError: (e) => toast.error(e.message),
    }),
  );
  const fe = (save.error?.data as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors ?? {};
  return (
    <div className="max-w-2xl space-y-6">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Outgoing webhook</h2>
          </CardTitle>
          <CardDescription>
            We POST JSON (connection, status from → to, reason, number of affected flows) and sign the exact body with HMAC-SHA256 in the{" "}
            <code className="font-mono">X-Connections-Signature: sha256=…</code> header. Failed deliveries are retried with backoff for about two hours.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({ projectId, webhookUrl: url, emailAdmins });
            }}
          >
            <FormField label="Webhook URL" htmlFor="webhook-url" error={fe.webhookUrl} description="Leave empty to turn the webhook off.">
              <Input
                id="webhook-url"
                type="url"
                placeholder="https://hooks.example.com/connections"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                disabled={!canManage}
              />
            </FormField>
            <div className="flex items-start gap-2">
              <Checkbox id="email-admins" checked={emailAdmins} onCheckedChange={(v) => setEmailAdmins(v === true)} disabled={!canManage} />
              <div className="grid gap-1">
                <Label htmlFor="email-admins">E-mail the project admins</Label>
                <p className="text-xs text-muted-foreground">
                  {settings.data?.smtpConfigured
                    ? "Sent through the installation's SMTP server."
                    : "SMTP is not configured on this installation (SMTP_URL): no e-mail will be sent."}
                </p>
              </div>
            </div>
            {save.error && !Object.keys(fe).length && (
              <p role="alert" className="text-sm text-destructive">
                {save.error.message}
              </p>
            )}
            {canManage && (
              <div className="flex flex-wrap gap-2">
                <Button type="submit" disabled={save.isPending}>
                  Save
                </Button>
                {settings.data?.webhookUrl && (
                  <>
                    <Button type="button" variant="outline" onClick={() => test.mutate({ projectId })} disabled={test.isPending}>
                      Send test event
                    </Button>
                    <Button type="button" variant="outline" onClick={() => rotate.mutate({ projectId })} disabled={rotate.isPending}>
                      New signing secret
                    </Button>
                  </>
                )}
              </div>
            )}
            {!canManage && <p className="text-sm text-muted-foreground">Only project admins can change these settings.</p>}
          </form>
        </CardContent>
      </Card>
      {secret && <SecretOnce secret={secret} onDismiss={() => setSecret(null)} />}
    </div>
  );
}
