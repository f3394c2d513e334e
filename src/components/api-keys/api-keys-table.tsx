"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import {
  AlertDialog,
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
import type { ApiKeyDto } from "@/server/api-tokens/dto";
import { useTRPC } from "@/trpc/react";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
const when = (d: Date | null) => (d ? dateFormat.format(d) : "Never");

export function ApiKeysTable({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKey.list.queryOptions({ projectId }));
  const [revoking, setRevoking] = useState<ApiKeyDto | null>(null);
  const revoke = useMutation(
    trpc.apiKey.revoke.mutationOptions({
      onSuccess: async () => {
        toast.success(`API key “${revoking?.name}” revoked`);
        setRevoking(null);
        await queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey({ projectId }) });
      },
      onError: (e) => toast.error("Could not revoke", { description: e.message }),
    }),
  );

  return (
    <>
      <Table aria-label="API keys">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Key</TableHead>
            <TableHead>Scopes</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>Last used</TableHead>
            <TableHead className="w-28">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {keys.isLoading && (
            <TableRow>
              <TableCell colSpan={6}>
                <Skeleton className="h-5 w-full" />
              </TableCell>
            </TableRow>
          )}
          {keys.data?.length === 0 && (
            <TableRow>
              <TableCell colSpan={6} className="text-center text-muted-foreground">
                No API keys yet.
              </TableCell>
            </TableRow>
          )}
          {keys.data?.map((key) => (
            <TableRow key={key.id} className={key.revokedAt ? "opacity-60" : undefined}>
              <TableCell className="font-medium">{key.name}</TableCell>
              <TableCell className="font-mono text-xs">{key.prefix}…</TableCell>
              <TableCell>
                <div className="flex flex-wrap gap-1">
                  {key.scopes.map((s) => (
                    <Badge key={s} variant="outline" className="font-mono">
                      {s}
                    </Badge>
                  ))}
                </div>
              </TableCell>
              <TableCell className="whitespace-nowrap text-muted-foreground">
                {when(key.createdAt)}
                {key.createdBy && <span className="block text-xs">by {key.createdBy.name}</span>}
              </TableCell>
              <TableCell className="whitespace-nowrap text-muted-foreground">{when(key.lastUsedAt)}</TableCell>
              <TableCell>
                {key.revokedAt ? (
                  <Badge variant="secondary" title={`Revoked ${when(key.revokedAt)}`}>
                    Revoked
                  </Badge>
                ) : (
                  <Button variant="outline" size="sm" aria-label={`Revoke ${key.name}`} onClick={() => setRevoking(key)}>
                    Revoke
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <AlertDialog open={revoking !== null} onOpenChange={(open) => !open && !revoke.isPending && setRevoking(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Revoke {revoking?.name}?</AlertDialogTitle>
            <AlertDialogDescription>
              Requests with this key are refused within a few seconds, on every instance of the engine API. This cannot be undone.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel disabled={revoke.isPending}>Cancel</AlertDialogCancel>
            <Button variant="destructive" disabled={revoke.isPending} onClick={() => revoking && revoke.mutate({ projectId, keyId: revoking.id })}>
              Revoke key
            </Button>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}
