"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";

interface ConnectionsPaginationProps {
  page: number;
  pageSize: number;
  total: number;
  /** False when the server stopped counting: `total` is then a lower bound. */
  totalExact: boolean;
  hasMore: boolean;
  /** Rows on this page. */
  shown: number;
  onPage: (page: number) => void;
}

export function ConnectionsPagination({ page, pageSize, total, totalExact, hasMore, shown, onPage }: ConnectionsPaginationProps) {
  const pageCount = totalExact ? Math.max(1, Math.ceil(total / pageSize)) : null;
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = totalExact ? Math.min(total, page * pageSize) : (page - 1) * pageSize + shown;
  const of = totalExact ? `${total.toLocaleString()} ${total === 1 ? "connection" : "connections"}` : `more than ${total.toLocaleString()} connections`;
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm text-muted-foreground">
      <p aria-live="polite">{total === 0 ? "No connections" : `Showing ${first.toLocaleString()}–${last.toLocaleString()} of ${of}`}</p>
      <div className="flex items-center gap-2">
        <span>{pageCount === null ? `Page ${page.toLocaleString()}` : `Page ${Math.min(page, pageCount)} of ${pageCount}`}</span>
        <Button variant="outline" size="sm" aria-label="Previous page" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          <ChevronLeft aria-hidden />
          Previous
        </Button>
        <Button
          variant="outline"
          size="sm"
          aria-label="Next page"
          disabled={pageCount === null ? !hasMore : page >= pageCount}
          onClick={() => onPage(page + 1)}
        >
          Next
          <ChevronRight aria-hidden />
        </Button>
      </div>
    </nav>
  );
}
