"use client";

import { Menu } from "lucide-react";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DeferredPopup } from "@/components/ui/deferred-popup";
import { useHydrated } from "@/components/use-hydrated";
import type { SidebarProps } from "./app-sidebar";

const loadSheet = () => import("./mobile-nav-sheet").then((m) => m.MobileNavSheet);

/** Below the desktop width the sidebar folds into this menu, so every page stays reachable on a phone. */
export function MobileNav(props: SidebarProps) {
  const [open, setOpen] = useState(false);
  const hydrated = useHydrated();
  // Following a link closes the menu (the layout, and this component, stay mounted).
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  return (
    <DeferredPopup
      load={loadSheet}
      popup="dialog"
      onOpen={() => setOpen(true)}
      trigger={
        <Button variant="ghost" size="icon" className="lg:hidden" aria-label="Open menu" disabled={!hydrated}>
          <Menu aria-hidden />
        </Button>
      }
      render={(MobileNavSheet, { trigger }) => <MobileNavSheet trigger={trigger} open={open} onOpenChange={setOpen} {...props} />}
    />
  );
}
