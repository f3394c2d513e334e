"use client";

import { MoonIcon, SunIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DeferredPopup } from "@/components/ui/deferred-popup";

const loadMenu = () => import("./theme-toggle-menu").then((m) => m.ThemeToggleMenu);

function ThemeToggle() {
  return (
    <DeferredPopup
      load={loadMenu}
      popup="menu"
      trigger={
        <Button variant="ghost" size="icon" className="relative" aria-label="Toggle theme" title="Toggle theme">
          <SunIcon className="size-4 scale-100 rotate-0 transition-all dark:scale-0 dark:-rotate-90" aria-hidden="true" />
          <MoonIcon className="absolute size-4 scale-0 rotate-90 transition-all dark:scale-100 dark:rotate-0" aria-hidden="true" />
          <span className="sr-only">Toggle theme</span>
        </Button>
      }
      render={(ThemeToggleMenu, trigger) => <ThemeToggleMenu {...trigger} />}
    />
  );
}

export { ThemeToggle };
