"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { Skeleton } from "@/components/ui/skeleton";
import type { ReplacePreview } from "@/server/connections/preview-replace";
import { AffectedFlowsList } from "./affected-flows-list";

interface ReplacePreviewPanelProps {
  projectId: string;
  preview: UseQueryResult<ReplacePreview>;
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
}

/** "These flows will change" — shown before anything is written. */
export function ReplacePreviewPanel({ projectId, preview, page, pageSize, onPageChange }: ReplacePreviewPanelProps) {
  if (preview.isError)
    return (
      <p role="alert" className="text-sm text-destructive">
        {preview.error.message}
      </p>
    );
  const data = preview.data;
  if (!data) return <Skeleton className="h-24 w-full" />;
  if (data.total === 0) {
    return (
      <p className="rounded-md border border-dashed p-3 text-sm text-muted-foreground">No flow uses {data.from.displayName}: there is nothing to rewrite.</p>
    );
  }
  const { draft, published, both } = data.counts;
  return (
    <section aria-label="Preview" className="space-y-2">
      <h3 className="text-sm font-medium">
        {data.total} flow{data.total === 1 ? "" : "s"} will use {data.to.displayName} instead of {data.from.displayName}
      </h3>
      <p className="text-xs text-muted-foreground">
        Draft only: {draft} · Published only: {published} · Both: {both}
      </p>
      <AffectedFlowsList
        projectId={projectId}
        items={data.items}
        total={data.total}
        page={page}
        pageSize={pageSize}
        onPageChange={onPageChange}
        busy={preview.isFetching}
      />
    </section>
  );
}
