"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Check, ChevronsUpDown, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/trpc/react";

export interface ProjectOption {
  id: string;
  name: string;
  role: string;
}

export function ProjectSwitcher({ currentId, projects }: { currentId: string | null; projects: ProjectOption[] }) {
  const router = useRouter();
  const trpc = useTRPC();
  const mayCreate = useQuery(trpc.project.mayCreate.queryOptions()).data === true;
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState("");
  const create = useMutation(
    trpc.project.create.mutationOptions({
      onSuccess: (p) => {
        toast.success(`Project “${p.name}” created`);
        setCreating(false);
        setName("");
        router.push(`/p/${p.id}/connections`);
        router.refresh();
      },
    }),
  );
  const current = projects.find((p) => p.id === currentId);
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" className="w-full justify-between" aria-label={`Project: ${current?.name ?? "none"}. Switch project`}>
            <span className="truncate">{current?.name ?? "Choose a project"}</span>
            <ChevronsUpDown className="size-4 opacity-60" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
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
              <DropdownMenuItem onSelect={() => setCreating(true)}>
                <Plus className="size-4" aria-hidden /> New project
              </DropdownMenuItem>
            </>
          )}
        </DropdownMenuContent>
      </DropdownMenu>
      <Dialog open={creating} onOpenChange={setCreating}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>New project</DialogTitle>
            <DialogDescription>Connections belong to one project; you become its admin.</DialogDescription>
          </DialogHeader>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({ name });
            }}
            className="space-y-4"
          >
            <FormField label="Project name" htmlFor="new-project-name" required error={create.error?.message}>
              <Input id="new-project-name" value={name} onChange={(e) => setName(e.target.value)} required />
            </FormField>
            <DialogFooter>
              <Button type="submit" disabled={create.isPending}>
                Create project
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
