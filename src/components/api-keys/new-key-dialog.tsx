"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";

/** The one time a key is shown: it is stored hashed and cannot be displayed again. */
export function NewKeyDialog({ created: current, onClose }: { created: { token: string; name: string } | null; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  // Keeps the text while the dialog animates closed; dropped right after.
  const [shown, setShown] = useState(current);
  if (current && current !== shown) setShown(current);
  const created = current ?? shown;
  const close = () => {
    onClose();
    setCopied(false);
    setTimeout(() => setShown(null), 300);
  };
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <Dialog open={current !== null} onOpenChange={(open) => !open && close()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Copy your new API key</DialogTitle>
          <DialogDescription>This is the only time “{created?.name}” is shown. Store it in your flow engine’s secrets now.</DialogDescription>
        </DialogHeader>
        <div className="flex gap-2">
          <Input readOnly aria-label="New API key" value={created?.token ?? ""} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
          <Button
            type="button"
            variant="outline"
            aria-label="Copy key"
            onClick={async () => {
              await navigator.clipboard?.writeText(created?.token ?? "").catch(() => {});
              setCopied(true);
            }}
          >
            {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
          </Button>
        </div>
        <pre className="overflow-x-auto rounded-md bg-muted p-3 text-xs">
          {`curl -H "Authorization: Bearer $KEY" \\\n  ${origin}/api/v1/worker/connections/<externalId>`}
        </pre>
        <DialogFooter>
          <Button type="button" onClick={close}>
            I stored it
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
