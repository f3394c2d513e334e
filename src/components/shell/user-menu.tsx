"use client";

import { KeyRound, LogOut } from "lucide-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useHydrated } from "@/components/use-hydrated";
import { useOpenedOnce } from "@/components/use-opened-once";
import { signOutAction } from "@/server/actions/sign-in";

// Loaded the first time it opens (or with the page when a password change is forced), not with every page.
const ChangePasswordDialog = dynamic(() => import("@/components/account/change-password-dialog").then((m) => m.ChangePasswordDialog));

export function UserMenu({ name, email, mustChangePassword = false }: { name: string; email: string; mustChangePassword?: boolean }) {
  const [changing, setChanging] = useState(false);
  const dialogLoaded = useOpenedOnce(changing || mustChangePassword);
  // Radix opens the menu on pointerdown, a handler the server's HTML does not have yet.
  const hydrated = useHydrated();
  const initials = name
    .split(/\s+/)
    .map((w) => w[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <>
      {dialogLoaded && <ChangePasswordDialog open={changing || mustChangePassword} onOpenChange={setChanging} forced={mustChangePassword} />}
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" className="rounded-full" disabled={!hydrated}>
            {/* Named by its hidden text, not aria-label: the visible initials are decoration, and an
                aria-label that omits visible text fails WCAG 2.5.3 (axe: label-content-name-mismatch). */}
            <span className="sr-only">Profile menu</span>
            <Avatar className="size-8" aria-hidden>
              <AvatarFallback>{initials || "?"}</AvatarFallback>
            </Avatar>
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-60">
          <DropdownMenuLabel className="font-normal">
            <div className="text-sm font-medium">{name}</div>
            <div className="truncate text-xs text-muted-foreground">{email}</div>
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setChanging(true)}>
            <KeyRound className="size-4" aria-hidden /> Change password
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => void signOutAction()}>
            <LogOut className="size-4" aria-hidden /> Sign out
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  );
}
