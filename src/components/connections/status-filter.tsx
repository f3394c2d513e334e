"use client";

import { ChevronDown } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DeferredPopup } from "@/components/ui/deferred-popup";
import type { ConnectionStatus } from "./use-connections-url-state";

const loadMenu = () => import("./status-filter-menu").then((m) => m.StatusFilterMenu);

export function StatusFilter({ value, onChange }: { value: ConnectionStatus[]; onChange: (value: ConnectionStatus[]) => void }) {
  return (
    <DeferredPopup
      load={loadMenu}
      popup="menu"
      trigger={
        <Button variant="outline" className="border-dashed">
          Status
          {value.length > 0 && (
            <Badge variant="secondary" className="px-1.5">
              <span className="sr-only">, </span>
              {value.length}
              <span className="sr-only"> selected</span>
            </Badge>
          )}
          <ChevronDown className="text-muted-foreground" aria-hidden />
        </Button>
      }
      render={(StatusFilterMenu, trigger) => <StatusFilterMenu {...trigger} value={value} onChange={onChange} />}
    />
  );
}
