"use client";

import { Menu } from "lucide-react";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { useHydrated } from "@/components/use-hydrated";
import { SidebarContent, type SidebarProps } from "./app-sidebar";

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
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="lg:hidden" aria-label="Open menu" disabled={!hydrated}>
          <Menu aria-hidden />
        </Button>
      </SheetTrigger>
      <SheetContent side="left" className="w-72 gap-4 bg-sidebar p-3 text-sidebar-foreground">
        <SheetHeader className="sr-only">
          <SheetTitle>Menu</SheetTitle>
          <SheetDescription>Projects and pages</SheetDescription>
        </SheetHeader>
        <SidebarContent {...props} />
      </SheetContent>
    </Sheet>
  );
}
