"use client";

import { Copy } from "lucide-react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { copyText } from "@/lib/copy-text";

/** Copies a value shown beside it (a redirect URL, an id) and says so. */
export function CopyValueButton({ value, label }: { value: string; label: string }) {
  const copy = async () => {
    try {
      await copyText(value);
      toast.success("Copied", { description: value });
    } catch {
      toast.error("Could not copy", { description: `Select and copy it by hand: ${value}` });
    }
  };
  return (
    <Button type="button" variant="outline" size="icon" aria-label={label} title={label} onClick={() => void copy()}>
      <Copy aria-hidden />
    </Button>
  );
}
