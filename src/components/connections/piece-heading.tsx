import { PieceIcon } from "@/components/piece-icon";
import type { Piece } from "@/pieces";

/** App icon, name and category, as shown at the top of connection forms and the drawer. */
export function PieceHeading({ piece, fallbackName }: { piece: Piece | undefined; fallbackName: string }) {
  return (
    <div className="flex items-center gap-3">
      {piece ? <PieceIcon piece={piece} size={36} /> : <div className="size-9 rounded-md bg-muted" aria-hidden />}
      <div className="min-w-0">
        <p className="truncate font-medium">{piece?.displayName ?? fallbackName}</p>
        <p className="text-xs text-muted-foreground">{piece ? piece.category : "App no longer in the catalogue"}</p>
      </div>
    </div>
  );
}
