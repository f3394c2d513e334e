"use client";

import { Check, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import type { DeferredTrigger } from "@/components/ui/deferred-popup";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

/** A project the switcher lists (the menu owns the type: the switcher loads the menu, never the other way round). */
export interface ProjectOption {
  id: string;
  name: string;
  role: string;
}

/** The project menu, loaded when first wanted (see ProjectSwitcher). */
export function ProjectSwitcherMenu({
  trigger,
  openAtOnce,
  currentId,
  projects,
  mayCreate,
  onCreate,
}: DeferredTrigger & { currentId: string | null; projects: ProjectOption[]; mayCreate: boolean; onCreate: () => void }) {
  const router = useRouter();
  return (
    <DropdownMenu defaultOpen={openAtOnce}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent className="w-56" align="start">
        <DropdownMenuLabel>Projects</DropdownMenuLabel>
        {projects.map((p) => (
          <DropdownMenuItem
            key={p.id}
            onSelect={() => {
              document.cookie = `cm-project=${p.id}; path=/; max-age=31536000; samesite=lax`;
              router.push(`/p/${p.id}/connections`);
            }}
          >
            <span className="flex-1 truncate">{p.name}</span>
            <span className="text-xs text-muted-foreground">{p.role.toLowerCase()}</span>
            {p.id === currentId && <Check className="size-4" aria-label="current" />}
          </DropdownMenuItem>
        ))}
        {mayCreate && (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={onCreate}>
              <Plus className="size-4" aria-hidden /> New project
            </DropdownMenuItem>
          </>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
