"use client";

import type { DeferredTrigger } from "@/components/ui/deferred-popup";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { SidebarContent, type SidebarProps } from "./app-sidebar";

/** The menu's sheet, loaded when first wanted (see MobileNav). */
export function MobileNavSheet({
  trigger,
  open,
  onOpenChange,
  ...props
}: Pick<DeferredTrigger, "trigger"> & SidebarProps & { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Sheet open={open} onOpenChange={onOpenChange}>
      <SheetTrigger asChild>{trigger}</SheetTrigger>
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
