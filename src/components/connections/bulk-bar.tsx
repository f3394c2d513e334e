import { Trash2, X } from "lucide-react";
import { Button } from "@/components/ui/button";

export function BulkBar({ count, onDelete, onClear }: { count: number; onDelete: () => void; onClear: () => void }) {
  if (count === 0) return null;
  return (
    <div role="region" aria-label="Bulk actions" className="flex items-center gap-3 rounded-lg border bg-muted/50 px-3 py-2 text-sm">
      <span className="font-medium" aria-live="polite">
        {count} selected
      </span>
      <Button variant="ghost" size="sm" onClick={onClear}>
        <X aria-hidden />
        Clear selection
      </Button>
      <Button variant="destructive" size="sm" className="ml-auto" onClick={onDelete}>
        <Trash2 aria-hidden />
        Delete selected
      </Button>
    </div>
  );
}
