"use client";

import { EllipsisVertical } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DeferredPopup } from "@/components/ui/deferred-popup";
import { useHydrated } from "@/components/use-hydrated";
import type { CompactRowActionsProps } from "./compact-row-actions-menu";

export type { CompactRowActionsProps };

const loadMenu = () => import("./compact-row-actions-menu").then((m) => m.CompactRowActionsMenu);

/** A phone-width row has no room for four icon buttons: the same actions behind one menu. */
export function CompactRowActions(props: CompactRowActionsProps) {
  const hydrated = useHydrated();
  return (
    <div className="flex justify-end sm:hidden">
      <DeferredPopup
        load={loadMenu}
        popup="menu"
        trigger={
          <Button variant="ghost" size="icon" className="size-8" aria-label={`Actions for ${props.name}`} disabled={!hydrated}>
            <EllipsisVertical aria-hidden />
          </Button>
        }
        render={(CompactRowActionsMenu, trigger) => <CompactRowActionsMenu {...trigger} {...props} />}
      />
    </div>
  );
}
