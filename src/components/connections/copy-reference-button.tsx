"use client";

import { Copy } from "lucide-react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { DeferredTooltip } from "@/components/ui/deferred-tooltip";
import { copyText } from "@/lib/copy-text";
import { cn } from "@/lib/utils";

export function connectionReference(externalId: string): string {
  return `{{connections['${externalId}']}}`;
}

export function CopyReferenceButton({ externalId, className }: { externalId: string; className?: string }) {
  const reference = connectionReference(externalId);
  const copy = async () => {
    try {
      await copyText(reference);
      toast.success("Reference copied", { description: reference });
    } catch {
      toast.error("Could not copy", { description: `Select and copy it by hand: ${reference}` });
    }
  };
  return (
    <DeferredTooltip content={`Copy ${reference}`}>
      <Button
        type="button"
        variant="ghost"
        size="icon"
        className={cn("size-6 text-muted-foreground [&_svg:not([class*='size-'])]:size-3.5", className)}
        aria-label="Copy reference"
        onClick={copy}
      >
        <Copy aria-hidden />
      </Button>
    </DeferredTooltip>
  );
}
