"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TriangleAlert } from "lucide-react";
import { useId, useState } from "react";
import { toast } from "@/components/ui/toast";
import { previewReplaceAction, replaceConnectionAction } from "@/server/actions/connections";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { useTRPC } from "@/trpc/react";
import { ReplacePickers, type ReplaceChoice } from "./replace-pickers";
import { ReplacePreviewPanel } from "./replace-preview-panel";
import { REPLACE_PREVIEW_KEY, useInvalidateFlowData } from "./use-invalidate-flow-data";

interface ReplaceConnectionDialogProps {
  projectId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Preselects the connection to replace (e.g. from a delete warning). */
  initialFromId?: string | null;
}

const PAGE_SIZE = 8;
const flows = (n: number) => `${n} flow${n === 1 ? "" : "s"}`;

export function ReplaceConnectionDialog(props: ReplaceConnectionDialogProps) {
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      {props.open && <ReplaceBody key={props.initialFromId ?? "new"} {...props} />}
    </Dialog>
  );
}

function ReplaceBody({ projectId, onOpenChange, initialFromId }: ReplaceConnectionDialogProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateFlowData();
  const publishedId = useId();
  const deleteId = useId();
  const initial = useQuery({
    ...trpc.connection.get.queryOptions({ projectId, connectionId: initialFromId ?? "" }),
    enabled: !!initialFromId,
  });
  const [picked, setPicked] = useState<ReplaceChoice>({ app: null, fromId: initialFromId ?? null, toId: null });
  const choice: ReplaceChoice = { ...picked, app: picked.app ?? initial.data?.pieceName ?? null };
  const [page, setPage] = useState(1);
  const [updatePublished, setUpdatePublished] = useState(true);
  const [deleteOld, setDeleteOld] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const previewKey = (p: number) => [REPLACE_PREVIEW_KEY, projectId, choice.fromId, choice.toId, p];
  const preview = useQuery({
    queryKey: previewKey(page),
    queryFn: async () => {
      const result = await previewReplaceAction(projectId, { fromConnectionId: choice.fromId!, toConnectionId: choice.toId!, page, pageSize: PAGE_SIZE });
      if (!result.ok) throw new Error(result.message);
      return result.data;
    },
    enabled: !!choice.fromId && !!choice.toId,
    staleTime: 0,
  });
  const data = preview.data;
  const publishedUses = data ? data.counts.published + data.counts.both : 0;
  const deleteBlocked = deleteOld && !updatePublished && publishedUses > 0;
  const rewritten = data ? (updatePublished ? data.total : data.total - data.counts.published) : 0;

  const replace = useMutation({
    mutationFn: async () => {
      const result = await replaceConnectionAction(projectId, {
        fromConnectionId: choice.fromId!,
        toConnectionId: choice.toId!,
        updatePublished,
        deleteOld,
        expectedFingerprint: data!.fingerprint,
      });
      if (!result.ok) {
        if (result.preview) {
          queryClient.setQueryData(previewKey(1), result.preview);
          setPage(1);
          setNotice(result.message);
          return null;
        }
        throw new Error(result.message);
      }
      return result.data;
    },
    onSuccess: async (result) => {
      if (!result) return;
      toast.success(`${result.from.displayName} replaced by ${result.to.displayName} in ${flows(result.flowsUpdated)}`, {
        description: result.deletedOld ? `${result.from.displayName} was deleted.` : undefined,
      });
      onOpenChange(false);
      await invalidate();
    },
    onError: (error) => toast.error("Could not replace", { description: error.message }),
  });

  return (
    <DialogContent className="sm:max-w-2xl">
      <DialogHeader>
        <DialogTitle>Replace a connection</DialogTitle>
        <DialogDescription>Every flow that uses one connection will use another of the same app instead, all at once or not at all.</DialogDescription>
      </DialogHeader>

      <ReplacePickers
        projectId={projectId}
        choice={choice}
        onChange={(next) => {
          setPicked(next);
          setPage(1);
          setNotice(null);
        }}
      />

      {choice.fromId && choice.toId && <ReplacePreviewPanel projectId={projectId} preview={preview} page={page} pageSize={PAGE_SIZE} onPageChange={setPage} />}

      {notice && (
        <p role="alert" className="flex gap-2 rounded-md border border-warning/50 bg-warning/10 p-2 text-sm">
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
          {notice}
        </p>
      )}

      {data && (
        <div className="grid gap-3">
          <div className="flex items-start gap-2">
            <Checkbox id={publishedId} checked={updatePublished} onCheckedChange={(v) => setUpdatePublished(v === true)} />
            <Label htmlFor={publishedId} className="grid gap-1 font-normal">
              <span className="font-medium">Also update published versions</span>
              <span className="text-muted-foreground">Otherwise published flows keep using {data.from.displayName} until they are published again.</span>
            </Label>
          </div>
          <div className="flex items-start gap-2">
            <Checkbox id={deleteId} checked={deleteOld} onCheckedChange={(v) => setDeleteOld(v === true)} />
            <Label htmlFor={deleteId} className="grid gap-1 font-normal">
              <span className="font-medium">Delete {data.from.displayName} afterwards</span>
              {deleteBlocked && (
                <span className="text-destructive">Published versions of {flows(publishedUses)} still use it: update them too, or keep it.</span>
              )}
            </Label>
          </div>
        </div>
      )}

      <DialogFooter>
        <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={replace.isPending}>
          Cancel
        </Button>
        <Button type="button" disabled={!data || preview.isFetching || replace.isPending || deleteBlocked} onClick={() => replace.mutate()}>
          {replace.isPending ? "Replacing…" : data ? `Replace in ${flows(rewritten)}` : "Replace"}
        </Button>
      </DialogFooter>
    </DialogContent>
  );
}
