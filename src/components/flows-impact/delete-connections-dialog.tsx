"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { TriangleAlert } from "lucide-react";
import { useId, useState } from "react";
import { toast } from "@/components/ui/toast";
import { deleteConnectionsAction } from "@/server/actions/connections";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/trpc/react";
import { AffectedFlowsList } from "./affected-flows-list";
import { useInvalidateFlowData } from "./use-invalidate-flow-data";

export interface DeleteTarget {
  id: string;
  displayName: string;
}

interface DeleteConnectionsDialogProps {
  projectId: string;
  /** Empty when closed. */
  connections: DeleteTarget[];
  onOpenChange: (open: boolean) => void;
  onDeleted?: (ids: string[]) => void;
  /** Offered instead of deleting one used connection. */
  onReplace?: (connectionId: string) => void;
}

const PAGE_SIZE = 8;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Delete confirmation that lists the flows that would break. Deleting a used connection takes
 * an explicit acknowledgement, sent to the server as the fingerprint of the flows shown.
 */
export function DeleteConnectionsDialog(props: DeleteConnectionsDialogProps) {
  const open = props.connections.length > 0;
  return (
    <AlertDialog open={open} onOpenChange={props.onOpenChange}>
      {open && <DeleteBody key={props.connections.map((c) => c.id).join(",")} {...props} />}
    </AlertDialog>
  );
}

function DeleteBody({ projectId, connections, onOpenChange, onDeleted, onReplace }: DeleteConnectionsDialogProps) {
  const trpc = useTRPC();
  const invalidate = useInvalidateFlowData();
  const ackId = useId();
  const [page, setPage] = useState(1);
  const [acknowledged, setAcknowledged] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const ids = connections.map((c) => c.id);
  const single = connections.length === 1 ? connections[0]! : null;
  const affected = useQuery({
    ...trpc.flowImpact.affected.queryOptions({ projectId, connectionIds: ids, page, pageSize: PAGE_SIZE }),
    placeholderData: (previous) => previous,
    staleTime: 0,
  });
  const data = affected.data;
  const used = (data?.total ?? 0) > 0;

  const remove = useMutation({
    mutationFn: async () => {
      const result = await deleteConnectionsAction(projectId, ids, { confirmAffected: used ? data?.fingerprint : undefined });
      if (!result.ok) {
        if (result.affected) {
          setAcknowledged(false);
          setNotice(result.message);
          await affected.refetch();
          return null;
        }
        throw new Error(result.message);
      }
      return result.data;
    },
    onSuccess: async (result) => {
      if (!result) return;
      toast.success(single ? `Connection “${single.displayName}” deleted` : `${plural(ids.length, "connection")} deleted`);
      onDeleted?.(ids);
      onOpenChange(false);
      await invalidate();
    },
    onError: (error) => toast.error("Could not delete", { description: error.message }),
  });

  const them = single ? "it" : "them";
  return (
    <AlertDialogContent className="sm:max-w-lg">
      <AlertDialogHeader>
        <AlertDialogTitle>{single ? `Delete ${single.displayName}?` : `Delete ${plural(connections.length, "connection")}?`}</AlertDialogTitle>
        <AlertDialogDescription>
          {!data
            ? "Checking which flows use " + them + "…"
            : used
              ? `${plural(data.total, "flow")} use ${them} and will fail at the steps that need ${them}. This cannot be undone.`
              : `No flow uses ${them}. This cannot be undone.`}
        </AlertDialogDescription>
      </AlertDialogHeader>

      {!data && <Skeleton className="h-16 w-full" />}
      {data && used && (
        <div className="space-y-3">
          {notice && (
            <p role="alert" className="flex gap-2 rounded-md border border-warning/50 bg-warning/10 p-2 text-sm">
              <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
              {notice}
            </p>
          )}
          <AffectedFlowsList
            projectId={projectId}
            label="Flows that would break"
            items={data.items}
            total={data.total}
            page={page}
            pageSize={PAGE_SIZE}
            onPageChange={setPage}
            busy={affected.isFetching}
          />
          {single && onReplace && (
            <p className="text-sm text-muted-foreground">
              Moving these flows to another connection first keeps them working.{" "}
              <Button type="button" variant="link" className="h-auto p-0" onClick={() => onReplace(single.id)}>
                Replace instead
              </Button>
            </p>
          )}
          <div className="flex items-start gap-2">
            <Checkbox id={ackId} checked={acknowledged} onCheckedChange={(v) => setAcknowledged(v === true)} />
            <Label htmlFor={ackId} className="text-sm leading-snug font-normal">
              I understand that {plural(data.total, "flow")} will break
            </Label>
          </div>
        </div>
      )}

      <AlertDialogFooter>
        <AlertDialogCancel disabled={remove.isPending}>Cancel</AlertDialogCancel>
        <Button variant="destructive" disabled={!data || (used && !acknowledged) || remove.isPending || affected.isFetching} onClick={() => remove.mutate()}>
          {remove.isPending ? "Deleting…" : used ? "Delete anyway" : "Delete"}
        </Button>
      </AlertDialogFooter>
    </AlertDialogContent>
  );
}
