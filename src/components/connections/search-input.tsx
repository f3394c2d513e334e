"use client";

import { Search } from "lucide-react";
import { useEffect, useState } from "react";
import { Input } from "@/components/ui/input";

const DEBOUNCE_MS = 250;

/** Search box that reports its text after the user pauses typing. */
export function SearchInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const [committed, setCommitted] = useState(value);

  // Follow outside changes (Clear filters, back/forward) without clobbering what is being typed.
  if (value !== seen) {
    setSeen(value);
    if (value !== committed) {
      setText(value);
      setCommitted(value);
    }
  }

  useEffect(() => {
    if (text === committed) return;
    const timer = setTimeout(() => {
      setCommitted(text);
      onChange(text);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, committed, onChange]);

  return (
    <div className="relative w-full sm:w-64">
      <Search className="pointer-events-none absolute top-2.5 left-3 size-4 text-muted-foreground" aria-hidden />
      <Input
        type="search"
        aria-label="Search connections"
        placeholder="Search by name…"
        className="pl-9"
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={100}
      />
    </div>
  );
}
