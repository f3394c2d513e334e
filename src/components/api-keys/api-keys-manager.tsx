"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { ApiKeysTable } from "./api-keys-table";
import { CreateApiKeyForm } from "./create-api-key-form";
import { NewKeyDialog } from "./new-key-dialog";

export function ApiKeysManager({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  return (
    <div className="space-y-6">
      <CreateApiKeyForm
        projectId={projectId}
        onCreated={(c) => {
          setCreated(c);
          void queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey({ projectId }) });
        }}
      />
      <ApiKeysTable projectId={projectId} />
      <NewKeyDialog created={created} onClose={() => setCreated(null)} />
    </div>
  );
}
