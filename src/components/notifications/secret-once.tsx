"use client";

import { Copy } from "lucide-react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";

/** A secret shown exactly once, right after it was made; it cannot be displayed again. */
export function SecretOnce({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
  return (
    <div role="status" className="space-y-2 rounded-lg border border-warning/50 bg-warning/10 p-4">
      <p className="text-sm font-medium">Signing secret — copy it now, it will not be shown again</p>
      <div className="flex items-center gap-2">
        <code className="flex-1 break-all rounded bg-muted px-2 py-1 font-mono text-sm" aria-label="Signing secret">
          {secret}
        </code>
        <Button
          variant="outline"
          size="icon"
          aria-label="Copy signing secret"
          onClick={() => void navigator.clipboard.writeText(secret).then(() => toast.success("Copied"))}
        >
          <Copy className="size-4" aria-hidden />
        </Button>
      </div>
      <Button variant="ghost" size="sm" onClick={onDismiss}>
        I have saved it
      </Button>
    </div>
  );
}
