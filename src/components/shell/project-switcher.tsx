"use client";

import { useQuery } from "@tanstack/react-query";
import { ChevronsUpDown } from "lucide-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DeferredPopup } from "@/components/ui/deferred-popup";
import { useOpenedOnce } from "@/components/use-opened-once";
import { useTRPC } from "@/trpc/react";
import type { ProjectOption } from "./project-switcher-menu";

export type { ProjectOption };

const loadMenu = () => import("./project-switcher-menu").then((m) => m.ProjectSwitcherMenu);
const NewProjectDialog = dynamic(() => import("./new-project-dialog").then((m) => m.NewProjectDialog), { ssr: false });

export function ProjectSwitcher({ currentId, projects }: { currentId: string | null; projects: ProjectOption[] }) {
  const trpc = useTRPC();
  const mayCreate = useQuery(trpc.project.mayCreate.queryOptions()).data === true;
  const [creating, setCreating] = useState(false);
  const creatingLoaded = useOpenedOnce(creating);
  const current = projects.find((p) => p.id === currentId);
  return (
    <>
      <DeferredPopup
        load={loadMenu}
        popup="menu"
        trigger={
          <Button variant="outline" className="w-full justify-between" aria-label={`Project: ${current?.name ?? "none"}. Switch project`}>
            <span className="truncate">{current?.name ?? "Choose a project"}</span>
            <ChevronsUpDown className="size-4 opacity-60" aria-hidden />
          </Button>
        }
        render={(ProjectSwitcherMenu, trigger) => (
          <ProjectSwitcherMenu {...trigger} currentId={currentId} projects={projects} mayCreate={mayCreate} onCreate={() => setCreating(true)} />
        )}
      />
      {creatingLoaded && <NewProjectDialog open={creating} onOpenChange={setCreating} />}
    </>
  );
}
