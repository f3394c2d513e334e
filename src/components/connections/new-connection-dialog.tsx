"use client";

import { useState } from "react";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { Piece } from "@/pieces";
import { AppPicker } from "./app-picker";
import { NewConnectionForm } from "./new-connection-form";

interface NewConnectionDialogProps {
  projectId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** Two steps: choose the app, then name the connection and enter its credentials. */
export function NewConnectionDialog({ projectId, open, onOpenChange }: NewConnectionDialogProps) {
  const [piece, setPiece] = useState<Piece | null>(null);

  const changeOpen = (next: boolean) => {
    if (!next) setPiece(null);
    onOpenChange(next);
  };

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>New Connection</DialogTitle>
          <DialogDescription>
            {piece
              ? `Name the connection and enter the credentials ${piece.displayName} needs. They are checked, then stored encrypted.`
              : "Choose the app to connect. Every flow in this project can reuse the connection."}
          </DialogDescription>
        </DialogHeader>
        {piece ? (
          <NewConnectionForm key={piece.name} projectId={projectId} piece={piece} onBack={() => setPiece(null)} onCreated={() => changeOpen(false)} />
        ) : (
          <AppPicker onPick={setPiece} />
        )}
      </DialogContent>
    </Dialog>
  );
}
