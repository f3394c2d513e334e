"use client";

import { CircleAlert } from "lucide-react";
import { useEffect, useRef } from "react";

/** The app validator's verdict (or any unplaced error), prominent at the top of a form. */
export function FormAlert({ message, title = "The connection was not saved" }: { message: string | null; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // Save sits at the bottom of a long form; the verdict appears at its top.
  useEffect(() => {
    if (message) ref.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [message]);
  if (!message) return null;
  return (
    <div ref={ref} role="alert" className="flex gap-3 rounded-md border border-destructive/50 bg-destructive/10 p-3 text-sm">
      <CircleAlert className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
      <div className="min-w-0">
        <p className="font-medium text-destructive">{title}</p>
        <p className="mt-0.5 break-words text-foreground">{message}</p>
      </div>
    </div>
  );
}
