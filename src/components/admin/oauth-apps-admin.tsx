"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { CopyValueButton } from "@/components/oauth/copy-value-button";
import { PieceIcon } from "@/components/piece-icon";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getPiece } from "@/pieces";
import type { OAuthAppDto } from "@/server/oauth/apps/list-oauth-apps";
import { useTRPC } from "@/trpc/react";
import { OAuthAppDialog } from "./oauth-app-dialog";
import { OriginMismatchAlert } from "./origin-mismatch-alert";
import { PlatformChanges } from "./platform-changes";

const SOURCE: Record<OAuthAppDto["source"], { label: string; variant: "success" | "info" | "outline" }> = {
  admin: { label: "Configured", variant: "success" },
  default: { label: "Server default", variant: "info" },
  none: { label: "Not configured", variant: "outline" },
};

/** Admin → OAuth apps: where each app's OAuth client comes from, and the redirect URL to register. */
export function OAuthAppsAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.oauthApp.list.queryOptions());
  const [editing, setEditing] = useState<OAuthAppDto | null>(null);
  const [removing, setRemoving] = useState<OAuthAppDto | null>(null);
  const remove = useMutation(
    trpc.oauthApp.remove.mutationOptions({
      onSuccess: async (_r, { pieceName }) => {
        toast.success(`OAuth app for ${getPiece(pieceName)?.displayName ?? pieceName} removed`);
        await queryClient.invalidateQueries({ queryKey: trpc.oauthApp.pathKey() });
      },
      onError: (err) => toast.error(err.message),
    }),
  );

  return (
    <div className="space-y-6">
      <section aria-labelledby="redirect-url-title" className="grid gap-2 rounded-lg border p-4">
        <h2 id="redirect-url-title" className="text-base font-medium">
          Redirect URL
        </h2>
        <p className="text-sm text-muted-foreground">
          Register this exact URL (also called callback URL or redirect URI) with every provider app you configure here.
        </p>
        <div className="flex items-center gap-2">
          {list.data ? (
            <code className="min-w-0 flex-1 truncate rounded bg-muted px-2 py-1.5 font-mono text-sm">{list.data.redirectUri}</code>
          ) : (
            <Skeleton className="h-8 flex-1" />
          )}
          {list.data && <CopyValueButton value={list.data.redirectUri} label="Copy redirect URL" />}
        </div>
        {list.data && <OriginMismatchAlert appUrl={list.data.appUrl} />}
      </section>

      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>App</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Client ID</TableHead>
            <TableHead>Client secret</TableHead>
            <TableHead>Updated</TableHead>
            <TableHead className="text-right">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {list.isLoading && (
            <TableRow>
              <TableCell colSpan={6}>
                <Skeleton className="h-5 w-full" />
              </TableCell>
            </TableRow>
          )}
          {list.data?.apps.map((app) => {
            const piece = getPiece(app.pieceName);
            return (
              <TableRow key={app.pieceName}>
                <TableCell>
                  <span className="flex items-center gap-2 font-medium">
                    {piece && <PieceIcon piece={piece} size={24} />}
                    {app.displayName}
                  </span>
                </TableCell>
                <TableCell>
                  <Badge variant={SOURCE[app.source].variant}>{SOURCE[app.source].label}</Badge>
                </TableCell>
                <TableCell className="max-w-48 truncate font-mono text-xs">{app.clientId ?? "—"}</TableCell>
                <TableCell className="font-mono text-xs">{app.secretHint ?? "—"}</TableCell>
                <TableCell className="text-sm text-muted-foreground">
                  {app.updatedAt ? `${app.updatedAt.toLocaleDateString()}${app.updatedBy ? ` by ${app.updatedBy}` : ""}` : "—"}
                </TableCell>
                <TableCell className="space-x-2 text-right whitespace-nowrap">
                  <Button
                    size="sm"
                    variant="outline"
                    aria-label={`${app.source === "admin" ? "Replace" : "Set up"} ${app.displayName}`}
                    onClick={() => setEditing(app)}
                  >
                    {app.source === "admin" ? "Replace" : "Set up"}
                  </Button>
                  {app.source === "admin" && (
                    <Button size="sm" variant="ghost" aria-label={`Remove ${app.displayName}`} onClick={() => setRemoving(app)}>
                      Remove
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>

      <RecentChanges />

      <OAuthAppDialog app={editing} onOpenChange={(open) => !open && setEditing(null)} />
      <AlertDialog open={removing !== null} onOpenChange={(open) => !open && setRemoving(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Remove the OAuth app for {removing?.displayName}?</AlertDialogTitle>
            <AlertDialogDescription>
              {removing?.hasDefault
                ? "New connections will use the server's default app again. Connections authorized with this app need Reconnect."
                : "New connections cannot be created until an app is configured again. Connections authorized with this app need Reconnect."}
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction onClick={() => removing && remove.mutate({ pieceName: removing.pieceName })}>Remove</AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

function describeChange(action: string, d: Record<string, unknown>): string {
  const app = str(d.appName) || str(d.pieceName);
  if (action === "oauth_app.removed") return `removed the OAuth app for ${app}${d.fallsBackToDefault ? " (the server default applies again)" : ""}`;
  if (!d.replaced) return `set up the OAuth app for ${app} (Client ID ${str(d.clientId)})`;
  return d.clientIdChanged ? `replaced the OAuth app for ${app} with Client ID ${str(d.clientId)}` : `replaced the client secret for ${app}`;
}

/** Who configured, replaced or removed which app: these changes affect every project. */
function RecentChanges() {
  const trpc = useTRPC();
  const events = useQuery(trpc.oauthApp.events.queryOptions());
  return <PlatformChanges label="Recent OAuth app changes" empty="No OAuth app has been changed yet." query={events} describe={describeChange} />;
}
