"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/trpc/react";
import { EncryptionProgress } from "./encryption-progress";
import { PlatformChanges } from "./platform-changes";

const str = (v: unknown) => (typeof v === "string" ? v : String(v ?? ""));

function describeChange(action: string, d: Record<string, unknown>): string {
  if (action === "encryption.key_rotated") return `made key ${str(d.keyId)} current (was ${str(d.previousKeyId)})`;
  if (action === "encryption.reencrypt_started") return `started re-encrypting ${str(d.values)} values with key ${str(d.keyId)}`;
  return `finished re-encrypting with key ${str(d.keyId)}: ${str(d.resealed)} re-sealed, ${str(d.failed)} failed`;
}

/** Admin → Encryption: key ids (never keys), what each still seals, and the re-encryption job. */
export function EncryptionAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery({ ...trpc.encryption.status.queryOptions(), refetchInterval: (q) => (q.state.data?.job.status === "running" ? 1_000 : 10_000) });
  const events = useQuery(trpc.encryption.events.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.encryption.pathKey() });
  const reencrypt = useMutation(
    trpc.encryption.reencryptNow.mutationOptions({
      onSuccess: async (r) => {
        toast.success(r.started ? "Re-encryption started" : "Re-encryption is already running");
        await refresh();
      },
      onError: (e) => toast.error(e.message),
    }),
  );
  const rotate = useMutation(
    trpc.encryption.rotateKey.mutationOptions({
      onSuccess: async (r) => {
        toast.success(`Key ${r.keyId} is now current; re-encryption started`);
        await refresh();
      },
      onError: (e) => toast.error(e.message),
    }),
  );

  const data = status.data;
  if (!data) return <Skeleton className="h-40 w-full" />;
  const running = data.job.status === "running";
  return (
    <div className="space-y-6">
      {data.missingKeyIds.length > 0 && (
        <div role="alert" className="rounded-lg border border-destructive p-4 text-sm">
          <p className="font-medium text-destructive">Values are sealed with keys missing from the key ring: {data.missingKeyIds.join(", ")}</p>
          <p className="text-muted-foreground">
            {data.allowMissingKeys ? "The app was started with ALLOW_MISSING_KEYS=1. " : ""}
            These values cannot be used (the engine API answers 409 connection_undecryptable) until the keys are added back to the key ring.
          </p>
        </div>
      )}

      <section aria-labelledby="keys-title" className="grid gap-2">
        <h2 id="keys-title" className="text-base font-medium">
          Key ring
        </h2>
        <Table aria-label="Values per key">
          <TableHeader>
            <TableRow>
              <TableHead>Key id</TableHead>
              {data.kinds.map((k) => (
                <TableHead key={k.name} className="text-right capitalize">
                  {k.label}
                </TableHead>
              ))}
              <TableHead className="text-right">Total</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.keys.map((k) => (
              <TableRow key={k.keyId} aria-label={`Key ${k.keyId}`}>
                <TableCell className="space-x-2">
                  <code>{k.keyId}</code>
                  {k.current && <Badge variant="success">Current</Badge>}
                  {!k.inRing && <Badge variant="destructive">Missing</Badge>}
                  {k.removable && <Badge variant="outline">Can be removed</Badge>}
                </TableCell>
                {data.kinds.map((kind) => (
                  <TableCell key={kind.name} className="text-right tabular-nums">
                    {k.counts[kind.name].toLocaleString()}
                  </TableCell>
                ))}
                <TableCell className="text-right font-medium tabular-nums">{k.total.toLocaleString()}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {data.keys
          .filter((k) => k.removable)
          .map((k) => (
            <p key={k.keyId} className="text-sm">
              {k.keyId} can be removed: it seals nothing any more.
            </p>
          ))}
      </section>

      <section aria-labelledby="job-title" className="grid gap-3 rounded-lg border p-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="job-title" className="text-base font-medium">
            Re-encryption
          </h2>
          <div className="flex gap-2">
            {data.canRotate && (
              <Button variant="outline" onClick={() => rotate.mutate()} disabled={rotate.isPending || running}>
                Rotate key
              </Button>
            )}
            <Button onClick={() => reencrypt.mutate()} disabled={reencrypt.isPending || running}>
              Re-encrypt now
            </Button>
          </div>
        </div>
        <p className="text-sm text-muted-foreground">
          Re-seals every value still sealed with an older key using the current key <code>{data.currentKeyId}</code>, in the background, a batch at a time; it
          starts by itself when the current key changes.
        </p>
        <EncryptionProgress job={data.job} />
      </section>

      <PlatformChanges label="Recent encryption changes" empty="No key rotation or re-encryption yet." query={events} describe={describeChange} />
    </div>
  );
}
