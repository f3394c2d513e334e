"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { useTRPC } from "@/trpc/react";

/** Creating a project from the project menu; loaded when first opened (see ProjectSwitcher). */
export function NewProjectDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const trpc = useTRPC();
  const [name, setName] = useState("");
  const create = useMutation(
    trpc.project.create.mutationOptions({
      onSuccess: (p) => {
        toast.success(`Project “${p.name}” created`);
        onOpenChange(false);
        setName("");
        router.push(`/p/${p.id}/connections`);
        router.refresh();
      },
    }),
  );
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
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
  );
}
