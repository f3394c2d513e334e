"use client";

import { Search } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { PieceIcon } from "@/components/piece-icon";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import type { DeferredTrigger } from "@/components/ui/deferred-popup";
import { Input } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { listConnectablePieceSummaries } from "@/pieces/summaries";

const connectablePieces = listConnectablePieceSummaries();

/** The pieces filter's popover, loaded when first wanted (see PiecesFilter). */
export function PiecesFilterPopover({ trigger, openAtOnce, value, onChange }: DeferredTrigger & { value: string[]; onChange: (value: string[]) => void }) {
  const [query, setQuery] = useState("");
  const idPrefix = useId();
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    // Chosen apps first, so they stay easy to untick.
    const found = connectablePieces.filter((p) => !q || p.displayName.toLowerCase().includes(q));
    return [...found.filter((p) => value.includes(p.name)), ...found.filter((p) => !value.includes(p.name))];
  }, [query, value]);

  const toggle = (name: string, on: boolean) => onChange(on ? [...value, name] : value.filter((n) => n !== name));

  return (
    <Popover defaultOpen={openAtOnce} onOpenChange={(open) => !open && setQuery("")}>
      <PopoverTrigger asChild>{trigger}</PopoverTrigger>
      <PopoverContent align="start" className="w-72 p-0">
        <div className="relative border-b p-2">
          <Search className="pointer-events-none absolute top-4.5 left-4.5 size-4 text-muted-foreground" aria-hidden />
          <Input
            type="search"
            aria-label="Search pieces"
            placeholder="Search apps…"
            className="h-8 pl-8"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <ul className="max-h-72 overflow-y-auto p-1" aria-label="Apps">
          {shown.length === 0 && <li className="px-2 py-6 text-center text-sm text-muted-foreground">No app found.</li>}
          {shown.map((piece) => {
            const id = `${idPrefix}-${piece.name}`;
            return (
              <li key={piece.name}>
                <label htmlFor={id} className="flex cursor-pointer items-center gap-2.5 rounded-sm px-2 py-1.5 text-sm hover:bg-accent">
                  <Checkbox id={id} checked={value.includes(piece.name)} onCheckedChange={(on) => toggle(piece.name, on === true)} />
                  <span aria-hidden className="flex shrink-0">
                    <PieceIcon piece={piece} size={20} />
                  </span>
                  <span className="truncate">{piece.displayName}</span>
                </label>
              </li>
            );
          })}
        </ul>
        {value.length > 0 && (
          <div className="border-t p-1">
            <Button variant="ghost" size="sm" className="w-full" onClick={() => onChange([])}>
              Clear pieces filter
            </Button>
          </div>
        )}
      </PopoverContent>
    </Popover>
  );
}
