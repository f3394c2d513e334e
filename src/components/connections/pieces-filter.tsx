"use client";

import { ChevronDown } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DeferredPopup } from "@/components/ui/deferred-popup";

const loadPopover = () => import("./pieces-filter-popover").then((m) => m.PiecesFilterPopover);

/** Multi-select of apps, searchable, for filtering the table by the app a connection is for. */
export function PiecesFilter({ value, onChange }: { value: string[]; onChange: (value: string[]) => void }) {
  return (
    <DeferredPopup
      load={loadPopover}
      popup="dialog"
      trigger={
        <Button variant="outline" className="border-dashed">
          Pieces
          {value.length > 0 && (
            <Badge variant="secondary" className="px-1.5">
              <span className="sr-only">, </span>
              {value.length}
              <span className="sr-only"> selected</span>
            </Badge>
          )}
          <ChevronDown className="text-muted-foreground" aria-hidden />
        </Button>
      }
      render={(PiecesFilterPopover, trigger) => <PiecesFilterPopover {...trigger} value={value} onChange={onChange} />}
    />
  );
}
