"use client";

import { Search } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { PieceIcon } from "@/components/piece-icon";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";
import { listPieces, type Piece, type PieceCategory } from "@/pieces";

const CATEGORY_ORDER: PieceCategory[] = [
  "AI",
  "Communication",
  "Productivity",
  "Developer tools",
  "Databases",
  "CRM & Sales",
  "Payments",
  "Marketing",
  "Storage",
  "Core",
];

function matches(piece: Piece, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [piece.displayName, piece.name, piece.category, piece.description].some((text) => text.toLowerCase().includes(q));
}

/** Step 1 of New Connection: every app in the catalogue, grouped by category. */
export function AppPicker({ onPick }: { onPick: (piece: Piece) => void }) {
  const [query, setQuery] = useState("");
  const idPrefix = useId();
  const groups = useMemo(() => {
    const found = listPieces().filter((piece) => matches(piece, query));
    return CATEGORY_ORDER.map((category) => ({ category, pieces: found.filter((p) => p.category === category) })).filter((group) => group.pieces.length > 0);
  }, [query]);

  return (
    <div className="grid gap-3">
      <div className="relative">
        <Search className="pointer-events-none absolute top-2.5 left-3 size-4 text-muted-foreground" aria-hidden />
        <Input
          type="search"
          aria-label="Search apps"
          placeholder="Search apps…"
          className="pl-9"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoFocus
        />
      </div>
      <div className="-mx-1 max-h-[55dvh] overflow-y-auto px-1">
        {groups.length === 0 && <p className="py-8 text-center text-sm text-muted-foreground">No app matches “{query}”.</p>}
        {groups.map((group) => (
          <section key={group.category} aria-labelledby={`${idPrefix}-${group.category}`} className="mb-4">
            <h3 id={`${idPrefix}-${group.category}`} className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">
              {group.category}
            </h3>
            <ul className="grid gap-2 sm:grid-cols-2">
              {group.pieces.map((piece) => (
                <li key={piece.name} className="relative">
                  <AppOption piece={piece} descriptionId={`${idPrefix}-${piece.name}-desc`} onPick={onPick} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}

function AppOption({ piece, descriptionId, onPick }: { piece: Piece; descriptionId: string; onPick: (piece: Piece) => void }) {
  const needsNoConnection = piece.auths.length === 0;
  return (
    <>
      {/* The icon (a lettered one is text) and the description sit over the card but outside the
          button: its visible text is then exactly its name (WCAG 2.5.3); clicks pass through. */}
      <PieceIcon piece={piece} size={32} className="pointer-events-none absolute top-2.5 left-2.5" />
      <span id={descriptionId} className="pointer-events-none absolute right-2.5 bottom-2.5 left-[3.375rem] truncate text-xs text-muted-foreground">
        {needsNoConnection ? "No connection needed" : piece.description}
      </span>
      <AppButton piece={piece} descriptionId={descriptionId} onPick={onPick} disabled={needsNoConnection} />
    </>
  );
}

function AppButton({ piece, descriptionId, onPick, disabled }: { piece: Piece; descriptionId: string; onPick: (piece: Piece) => void; disabled: boolean }) {
  return (
    <button
      type="button"
      aria-label={piece.displayName}
      aria-describedby={descriptionId}
      disabled={disabled}
      onClick={() => onPick(piece)}
      className={cn(
        "flex w-full items-center gap-3 rounded-md border p-2.5 text-left text-sm transition-colors outline-none",
        "hover:border-primary/40 hover:bg-accent/50 focus-visible:ring-[3px] focus-visible:ring-ring/50",
        "disabled:cursor-not-allowed disabled:opacity-60 disabled:hover:border-border disabled:hover:bg-transparent",
      )}
    >
      <span className="block min-w-0 truncate pb-4 pl-[2.75rem] font-medium">{piece.displayName}</span>
    </button>
  );
}
