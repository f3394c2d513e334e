"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DeferredPopup } from "@/components/ui/deferred-popup";
import { useHydrated } from "@/components/use-hydrated";
import { useOpenedOnce } from "@/components/use-opened-once";

// Loaded the first time it opens (or with the page when a password change is forced), not with every page.
const ChangePasswordDialog = dynamic(() => import("@/components/account/change-password-dialog").then((m) => m.ChangePasswordDialog));
const loadMenu = () => import("./user-menu-content").then((m) => m.UserMenuContent);

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
      <DeferredPopup
        load={loadMenu}
        popup="menu"
        trigger={
          <Button variant="ghost" size="icon" className="rounded-full" disabled={!hydrated}>
            {/* Named by its hidden text, not aria-label: the visible initials are decoration, and an
                aria-label that omits visible text fails WCAG 2.5.3 (axe: label-content-name-mismatch). */}
            <span className="sr-only">Profile menu</span>
            {/* The avatar as Radix's Avatar draws it without a picture: initials on a round tile. */}
            <span data-slot="avatar" className="relative flex size-8 shrink-0 overflow-hidden rounded-full" aria-hidden>
              <span data-slot="avatar-fallback" className="flex size-full items-center justify-center rounded-full bg-muted text-xs">
                {initials || "?"}
              </span>
            </span>
          </Button>
        }
        render={(UserMenuContent, trigger) => <UserMenuContent {...trigger} name={name} email={email} onChangePassword={() => setChanging(true)} />}
      />
    </>
  );
}
