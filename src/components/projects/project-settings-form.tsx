"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/trpc/react";

/** Settings → General: rename the project; delete it after typing its name. Both are audited. */
export function ProjectSettingsForm({ projectId, name, canManage }: { projectId: string; name: string; canManage: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [newName, setNewName] = useState(name);
  const [confirmName, setConfirmName] = useState("");
  const rename = useMutation(
    trpc.project.rename.mutationOptions({
      onSuccess: (p) => {
        toast.success(`Project renamed to ${p.name}`);
        router.refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.project.delete.mutationOptions({
      onSuccess: (p) => {
        toast.success(`Project ${p.name} deleted`);
        router.replace("/");
        router.refresh();
      },
    }),
  );
  const fieldError = (e: unknown, field: string) => (e as { data?: { fieldErrors?: Record<string, string> } } | null)?.data?.fieldErrors?.[field];

  return (
    <div className="grid max-w-2xl gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Project name</CardTitle>
        </CardHeader>
        <CardContent>
          <form
            className="flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              rename.mutate({ projectId, name: newName });
            }}
          >
            <FormField label="Name" htmlFor="project-name" error={fieldError(rename.error, "name") ?? rename.error?.message} className="min-w-64 flex-1">
              <Input id="project-name" value={newName} onChange={(e) => setNewName(e.target.value)} disabled={!canManage} required maxLength={100} />
            </FormField>
            {canManage && (
              <Button type="submit" disabled={rename.isPending || newName.trim() === name}>
                Rename
              </Button>
            )}
          </form>
        </CardContent>
      </Card>
      {canManage && (
        <Card className="border-destructive/50">
          <CardHeader>
            <CardTitle>Delete this project</CardTitle>
            <CardDescription>
              Deletes its connections, flows, API keys, members and settings for good. Its audit trail is kept and the deletion is recorded for platform admins.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <form
              className="flex flex-wrap items-end gap-3"
              onSubmit={(e) => {
                e.preventDefault();
                remove.mutate({ projectId, confirmName });
              }}
            >
              <FormField
                label={`Type “${name}” to confirm`}
                htmlFor="confirm-project-name"
                error={fieldError(remove.error, "confirmName") ?? remove.error?.message}
                className="min-w-64 flex-1"
              >
                <Input id="confirm-project-name" value={confirmName} onChange={(e) => setConfirmName(e.target.value)} autoComplete="off" />
              </FormField>
              <Button type="submit" variant="destructive" disabled={remove.isPending || confirmName.trim() !== name}>
                Delete project
              </Button>
            </form>
          </CardContent>
        </Card>
      )}
    </div>
  );
}
