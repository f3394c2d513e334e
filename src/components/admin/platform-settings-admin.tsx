"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { PROJECT_CREATION_POLICIES } from "@/schemas/admin";
import { useTRPC } from "@/trpc/react";
import { PlatformChanges } from "./platform-changes";

type Policy = (typeof PROJECT_CREATION_POLICIES)[number];

const policyLabel: Record<Policy, { title: string; hint: string }> = {
  ADMINS: { title: "Platform admins only", hint: "Everyone else works in the projects they are added to." },
  EVERYONE: { title: "Everyone with an account", hint: "Any signed-in account can create a project and becomes its admin." },
};

/** Admin → Settings: installation-wide choices, each change recorded in the platform audit trail. */
export function PlatformSettingsAdmin() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const settings = useQuery(trpc.admin.settings.queryOptions());
  const events = useQuery(trpc.admin.settingsEvents.queryOptions());
  // The admin's unsaved choice; until there is one, the saved setting is shown.
  const [choice, setPolicy] = useState<Policy | null>(null);
  const policy = choice ?? settings.data?.projectCreation ?? null;
  const save = useMutation(
    trpc.admin.updateSettings.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries({ queryKey: trpc.admin.pathKey() });
        await qc.invalidateQueries({ queryKey: trpc.project.mayCreate.queryKey() });
        setPolicy(null);
        toast.success("Settings saved");
      },
      onError: (err) => toast.error(err.message),
    }),
  );

  return (
    <div className="space-y-6">
      <form
        className="grid gap-4 rounded-lg border p-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (policy) save.mutate({ projectCreation: policy });
        }}
      >
        <fieldset className="grid gap-3">
          <legend className="mb-2 text-base font-medium">Who can create projects</legend>
          {!policy && <Skeleton className="h-12 w-full" />}
          {policy &&
            PROJECT_CREATION_POLICIES.map((p) => (
              <label key={p} className="flex items-start gap-3 text-sm">
                <input type="radio" name="projectCreation" value={p} checked={policy === p} onChange={() => setPolicy(p)} className="mt-1" />
                <span>
                  <span className="font-medium">{policyLabel[p].title}</span>
                  <span className="block text-muted-foreground">{policyLabel[p].hint}</span>
                </span>
              </label>
            ))}
        </fieldset>
        <div>
          <Button type="submit" disabled={!policy || save.isPending || policy === settings.data?.projectCreation}>
            Save settings
          </Button>
        </div>
      </form>
      <PlatformChanges label="Recent settings changes" empty="No setting has been changed yet." query={events} describe={describeSettingsEvent} />
    </div>
  );
}

function describeSettingsEvent(_action: string, d: Record<string, unknown>): string {
  if (d.setting === "projectCreation") {
    const to = policyLabel[d.to as Policy]?.title.toLowerCase() ?? String(d.to);
    return `set who can create projects to ${to}`;
  }
  return "changed a setting";
}
